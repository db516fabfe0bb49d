package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.peer.storage.PieceState;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.Nack;
import io.mcbt.transfer.SessionParameters;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three pieces of 100, 100 and 50 bytes in blocks of 40: piece 0 is blocks 0-2, piece 1 blocks 3-5,
 * piece 2 blocks 6-7.
 */
class ReceivedBlocksTest {
  private static final BlockLayout LAYOUT = new BlockLayout(250, 100, 40);
  private static final SessionParameters PARAMETERS = new SessionParameters(9, 40, 0);

  private static ReceivedBlocks withVerified(int... pieces) {
    PieceState state = new PieceState(LAYOUT.pieceCount());
    for (int piece : pieces) {
      state.markVerified(piece);
    }
    return new ReceivedBlocks(LAYOUT, state);
  }

  @Test
  void theLayoutIsAsDescribed() {
    assertEquals(8, LAYOUT.blockCount());
    assertEquals(3, LAYOUT.firstBlockOf(1));
    assertEquals(2, LAYOUT.blockCountOf(2));
  }

  @Test
  void presenceFillsTheFlagsAndNamesTheMissingOnes() {
    ReceivedBlocks blocks = withVerified(1);
    blocks.mark(6);
    boolean[] present = new boolean[4];

    int[] lost = blocks.presence(4, present);

    assertArrayEquals(new boolean[] {true, true, true, false}, present);
    assertArrayEquals(new int[] {3}, lost);
    assertArrayEquals(new int[] {0, 1, 2}, blocks.presence(0, new boolean[3]));
  }

  @Test
  void verifiedPiecesCountAsReceived() {
    ReceivedBlocks blocks = withVerified(1);
    assertEquals(3, blocks.count());
    assertTrue(blocks.has(3) && blocks.has(4) && blocks.has(5));
    assertFalse(blocks.has(2) || blocks.has(6));
    assertFalse(blocks.mark(4), "a block of a verified piece is no news");
    assertEquals(3, blocks.count());
  }

  @Test
  void allPiecesVerifiedIsComplete() {
    ReceivedBlocks blocks = withVerified(0, 1, 2);
    assertTrue(blocks.isComplete());
    assertEquals(0, blocks.missingBelow(100));
    assertTrue(blocks.missingRanges(8, 10).isEmpty());
  }

  @Test
  void markIsTrueExactlyOnAPiecesLastBlock() {
    ReceivedBlocks blocks = withVerified();
    assertFalse(blocks.mark(2));
    assertFalse(blocks.mark(0));
    assertFalse(blocks.mark(0), "a duplicate");
    assertFalse(blocks.mark(3), "another piece");
    assertTrue(blocks.mark(1));
    assertFalse(blocks.mark(1), "a duplicate after the piece is whole");

    assertFalse(blocks.mark(7));
    assertTrue(blocks.mark(6), "the short last piece");
    assertEquals(6, blocks.count());
    assertFalse(blocks.isComplete());
  }

  @Test
  void aForgottenPieceMustComeAgain() {
    ReceivedBlocks blocks = withVerified();
    blocks.mark(0);
    blocks.mark(1);
    blocks.mark(2);
    blocks.mark(4);

    blocks.forgetPiece(0);

    assertEquals(1, blocks.count());
    assertFalse(blocks.has(0) || blocks.has(1) || blocks.has(2));
    assertTrue(blocks.has(4));
    assertFalse(blocks.mark(2));
    assertFalse(blocks.mark(0));
    assertTrue(blocks.mark(1));
    assertEquals(4, blocks.count());
  }

  @Test
  void forgettingAPartlyReceivedPiece() {
    ReceivedBlocks blocks = withVerified();
    blocks.mark(3);
    blocks.forgetPiece(1);
    assertEquals(0, blocks.count());
    assertFalse(blocks.mark(3));
    assertFalse(blocks.mark(4));
    assertTrue(blocks.mark(5));
  }

  @Test
  void missingCounts() {
    ReceivedBlocks blocks = withVerified(1);
    blocks.mark(0);
    blocks.mark(7);
    assertEquals(2, blocks.missingBelow(3));
    assertEquals(2, blocks.missingBelow(6));
    assertEquals(3, blocks.missingBelow(1_000), "clamped to the layout");
    assertEquals(1, blocks.missingBetween(5, 7));
  }

  @Test
  void missingRangesAscendBelowTheEnd() {
    ReceivedBlocks blocks = withVerified(1);
    blocks.mark(1);
    blocks.mark(7);

    assertEquals(
        List.of(new BlockRange(0, 1), new BlockRange(2, 1), new BlockRange(6, 1)),
        blocks.missingRanges(8, 10));
    assertEquals(List.of(new BlockRange(0, 1), new BlockRange(2, 1)), blocks.missingRanges(5, 10));
    assertEquals(List.of(new BlockRange(0, 1)), blocks.missingRanges(8, 1));
    assertEquals(
        List.of(new BlockRange(0, 1), new BlockRange(2, 1), new BlockRange(6, 1)),
        blocks.missingRanges(1_000, 10));
  }

  @Test
  void aPieceForgottenBelowTheBlocksAllHeldIsMissingAgain() {
    ReceivedBlocks blocks = withVerified();
    for (int block = 0; block < 6; block++) {
      blocks.mark(block);
    }
    assertEquals(2, blocks.missingBelow(8));
    assertEquals(List.of(new BlockRange(6, 2)), blocks.missingRanges(8, 10));

    blocks.forgetPiece(0);

    assertEquals(5, blocks.missingBelow(8));
    assertEquals(3, blocks.missingBetween(0, 6));
    assertEquals(List.of(new BlockRange(0, 3), new BlockRange(6, 2)), blocks.missingRanges(8, 10));
  }

  @Test
  void aMissingRunIsOneRange() {
    ReceivedBlocks blocks = withVerified();
    blocks.mark(3);
    assertEquals(List.of(new BlockRange(0, 3), new BlockRange(4, 4)), blocks.missingRanges(8, 10));
    assertEquals(List.of(new BlockRange(0, 3), new BlockRange(4, 2)), blocks.missingRanges(6, 10));
  }

  @Test
  void aCountsOnlyNack() {
    ReceivedBlocks blocks = withVerified(1);
    blocks.mark(0);

    Nack nack = blocks.nack(PARAMETERS, 2, 6, false, false);

    assertEquals(new Nack(PARAMETERS, 2, 6, 2, false, false, List.of()), nack);
  }

  @Test
  void aNackWithRanges() {
    ReceivedBlocks blocks = withVerified(1);
    blocks.mark(0);

    Nack nack = blocks.nack(PARAMETERS, 2, 7, false, true);

    assertEquals(
        new Nack(
            PARAMETERS, 2, 7, 3, false, false, List.of(new BlockRange(1, 2), new BlockRange(6, 1))),
        nack);
  }

  @Test
  void aNackConsideringMoreThanTheLayoutStopsAtItsEnd() {
    ReceivedBlocks blocks = withVerified(0, 1);
    blocks.mark(6);

    Nack nack = blocks.nack(PARAMETERS, 2, 1_000, false, true);

    assertEquals(1, nack.missingBlocks());
    assertEquals(List.of(new BlockRange(7, 1)), nack.ranges());
  }

  @Test
  void aCompleteNackListsNothing() {
    ReceivedBlocks blocks = withVerified(0, 1, 2);
    Nack nack = blocks.nack(PARAMETERS, 4, 8, true, true);
    assertTrue(nack.complete());
    assertEquals(0, nack.missingBlocks());
    assertTrue(nack.ranges().isEmpty());
  }

  @Test
  void manyGapsAreTruncatedToOneDatagram() {
    BlockLayout layout = new BlockLayout(10_000, 10_000, 1);
    ReceivedBlocks blocks = new ReceivedBlocks(layout, new PieceState(1));
    for (int block = 0; block < layout.blockCount(); block += 2) {
      blocks.mark(block);
    }

    Nack nack = blocks.nack(new SessionParameters(9, 1, 0), 1, 10_000, false, true);

    assertEquals(5_000, nack.missingBlocks());
    assertTrue(nack.truncated());
    // Each range after the first takes two bytes: a gap of 1 and a length of 1.
    assertEquals((Nack.MAX_BODY_LENGTH - 7) / 2, nack.ranges().size());
    for (int i = 0; i < nack.ranges().size(); i++) {
      assertEquals(new BlockRange(2 * i + 1, 1), nack.ranges().get(i));
    }
    ByteBuffer frame = ByteBuffer.allocate(2_048);
    nack.encode(frame);
    assertTrue(FrameHeader.bodyLength(frame) <= Nack.MAX_BODY_LENGTH);
  }

  @Test
  void fewGapsAreNotTruncated() {
    BlockLayout layout = new BlockLayout(10_000, 10_000, 1);
    ReceivedBlocks blocks = new ReceivedBlocks(layout, new PieceState(1));
    for (int block = 0; block < 9_000; block++) {
      blocks.mark(block);
    }
    Nack nack = blocks.nack(new SessionParameters(9, 1, 0), 1, 10_000, false, true);
    assertFalse(nack.truncated());
    assertEquals(List.of(new BlockRange(9_000, 1_000)), nack.ranges());
  }

  @Test
  void manyGapsTakeSeveralNacksUpToTheLimit() {
    BlockLayout layout = new BlockLayout(10_000, 10_000, 1);
    ReceivedBlocks blocks = new ReceivedBlocks(layout, new PieceState(1));
    for (int block = 0; block < 10_000; block += 2) {
      blocks.mark(block);
    }
    SessionParameters parameters = new SessionParameters(9, 1, 0);

    List<Nack> all = blocks.nacks(parameters, 1, 10_000, false, true, 32);
    List<Nack> three = blocks.nacks(parameters, 1, 10_000, false, true, 3);

    List<BlockRange> listed = new java.util.ArrayList<>();
    all.forEach(nack -> listed.addAll(nack.ranges()));
    assertEquals(5_000, listed.size(), "every gap, over " + all.size() + " NACKs");
    for (int i = 0; i < listed.size(); i++) {
      assertEquals(new BlockRange(2 * i + 1, 1), listed.get(i));
    }
    assertFalse(all.get(all.size() - 1).truncated());
    assertEquals(3, three.size());
    assertTrue(three.get(2).truncated());
    assertTrue(three.get(1).ranges().get(0).first() > three.get(0).ranges().get(0).first());
  }
}
