package io.mcbt.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlockLayoutTest {
  @Test
  void aSinglePieceShorterThanThePieceLength() {
    BlockLayout layout = new BlockLayout(3_000, 16_384, 1_424);

    assertEquals(1, layout.pieceCount());
    assertEquals(3, layout.blockCount());
    assertEquals(3_000, layout.pieceSize(0));
    assertEquals(3, layout.blockCountOf(0));
    assertEquals(0, layout.blockAt(0, 0, 1_424));
    assertEquals(1, layout.blockAt(0, 1_424, 1_424));
    assertEquals(2, layout.blockAt(0, 2_848, 152));
    assertEquals(152, layout.lengthOf(2));
  }

  @Test
  void theLastPieceIsShorterAndHasFewerBlocks() {
    // pieces of 4,096 in blocks of 1,024; the last piece holds 1,500 bytes
    BlockLayout layout = new BlockLayout(3 * 4_096 + 1_500, 4_096, 1_024);

    assertEquals(4, layout.pieceCount());
    assertEquals(4, layout.blocksPerPiece());
    assertEquals(14, layout.blockCount());
    assertEquals(1_500, layout.pieceSize(3));
    assertEquals(2, layout.blockCountOf(3));
    assertEquals(12, layout.firstBlockOf(3));
    assertEquals(3, layout.pieceOf(13));
    assertEquals(1_024, layout.offsetOf(13));
    assertEquals(476, layout.lengthOf(13));
    assertEquals(13, layout.blockAt(3, 1_024, 476));
  }

  @Test
  void aPieceLengthThatIsNotAMultipleOfTheBlockSize() {
    // pieces of 1,000 bytes in blocks of 300: 300, 300, 300, 100 each
    BlockLayout layout = new BlockLayout(2_500, 1_000, 300);

    assertEquals(3, layout.pieceCount());
    assertEquals(4, layout.blocksPerPiece());
    assertEquals(4 + 4 + 2, layout.blockCount());
    int block = 0;
    for (int piece = 0; piece < layout.pieceCount(); piece++) {
      assertEquals(block, layout.firstBlockOf(piece));
      int offset = 0;
      for (int b = 0; b < layout.blockCountOf(piece); b++, block++) {
        int length = Math.min(300, layout.pieceSize(piece) - offset);
        assertEquals(piece, layout.pieceOf(block));
        assertEquals(offset, layout.offsetOf(block));
        assertEquals(length, layout.lengthOf(block));
        assertEquals(block, layout.blockAt(piece, offset, length));
        offset += length;
      }
      assertEquals(layout.pieceSize(piece), offset);
    }
    assertEquals(layout.blockCount(), block);
    assertEquals(100, layout.lengthOf(3));
    assertEquals(200, layout.lengthOf(9));
  }

  @Test
  void blockAtRefusesWhatNoSenderOfTheLayoutSends() {
    BlockLayout layout = new BlockLayout(2_500, 1_000, 300);

    // piece out of range
    assertEquals(-1, layout.blockAt(-1, 0, 300));
    assertEquals(-1, layout.blockAt(3, 0, 300));
    assertEquals(-1, layout.blockAt(Integer.MAX_VALUE, 0, 300));
    assertEquals(-1, layout.blockAt(Integer.MIN_VALUE, 0, 300));
    // offset negative, not on a block, or past the piece
    assertEquals(-1, layout.blockAt(0, -300, 300));
    assertEquals(-1, layout.blockAt(0, 1, 300));
    assertEquals(-1, layout.blockAt(0, 299, 300));
    assertEquals(-1, layout.blockAt(0, 1_200, 300));
    assertEquals(-1, layout.blockAt(2, 600, 300), "the last piece has 500 bytes");
    assertEquals(-1, layout.blockAt(0, Integer.MAX_VALUE, 300));
    assertEquals(-1, layout.blockAt(0, Integer.MIN_VALUE, 300));
    // length other than the block's
    assertEquals(-1, layout.blockAt(0, 0, 299));
    assertEquals(-1, layout.blockAt(0, 0, 301));
    assertEquals(-1, layout.blockAt(0, 0, 0));
    assertEquals(-1, layout.blockAt(0, 0, -1));
    assertEquals(-1, layout.blockAt(0, 900, 300), "the piece's last block has 100 bytes");
    assertEquals(-1, layout.blockAt(0, 900, 99));
    assertEquals(-1, layout.blockAt(2, 300, 300), "the last piece's last block has 200 bytes");
    // and the valid neighbours
    assertEquals(3, layout.blockAt(0, 900, 100));
    assertEquals(9, layout.blockAt(2, 300, 200));
  }

  @Test
  void everyValidTripleIsFoundAndNothingElse() {
    BlockLayout layout = new BlockLayout(2_500, 1_000, 300);
    int found = 0;
    for (int piece = -1; piece <= layout.pieceCount(); piece++) {
      for (int offset = -1; offset <= 1_001; offset++) {
        for (int length : new int[] {-1, 0, 99, 100, 101, 199, 200, 201, 299, 300, 301}) {
          int block = layout.blockAt(piece, offset, length);
          if (block >= 0) {
            found++;
            assertEquals(piece, layout.pieceOf(block));
            assertEquals(offset, layout.offsetOf(block));
            assertEquals(length, layout.lengthOf(block));
          }
        }
      }
    }
    assertEquals(layout.blockCount(), found);
  }

  @Test
  void aTorrentOfExactlyWholePieces() {
    BlockLayout layout = new BlockLayout(8 * 16_384, 16_384, 16_384);

    assertEquals(8, layout.blockCount());
    assertEquals(16_384, layout.lengthOf(7));
    assertEquals(7, layout.blockAt(7, 0, 16_384));
  }

  @Test
  void layoutsThatCannotBeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BlockLayout(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlockLayout(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlockLayout(1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new BlockLayout(-1, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new BlockLayout(1L << 40, 1 << 20, 1), "2^40 blocks");
    assertEquals(Integer.MAX_VALUE, new BlockLayout(Integer.MAX_VALUE, 1 << 20, 1).blockCount());
  }
}
