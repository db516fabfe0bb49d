package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceStore;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.transfer.BlockLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Four pieces of 100 bytes in blocks of 10, and buffers for two pieces. */
class PieceAssemblyTest {
  private static final int PIECE_LENGTH = 100;
  private static final int BLOCK = 10;

  private final RecordingStore store = new RecordingStore(4);
  private final PieceTracker tracker = new PieceTracker(store, new PieceState(4));
  private final ReceivedBlocks blocks =
      new ReceivedBlocks(new BlockLayout(4 * PIECE_LENGTH, PIECE_LENGTH, BLOCK), tracker.state());
  private final PieceBuffers buffers = new PieceBuffers(PIECE_LENGTH, 2);
  private final PieceAssembly assembly = new PieceAssembly(tracker, blocks, buffers);

  /** {@code length} bytes whose values are their offsets in the piece plus 10 times the piece. */
  private static ByteBuffer block(int piece, int offset, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (piece * 10 + offset + i);
    }
    return ByteBuffer.wrap(bytes);
  }

  /** Block {@code index} of {@code piece} comes in, as the intake takes it. */
  private boolean receive(int piece, int index) {
    assembly.write(piece, index * BLOCK, block(piece, index * BLOCK, BLOCK));
    return blocks.mark(piece * PIECE_LENGTH / BLOCK + index);
  }

  private static Write expected(int piece, int offset, int length) {
    return new Write(piece, offset, block(piece, offset, length).array());
  }

  private byte[] read(int piece, int offset, int length) {
    ByteBuffer target = ByteBuffer.allocate(length);
    assembly.read(piece, offset, target);
    assertFalse(target.hasRemaining(), "the target is filled");
    return target.array();
  }

  @Test
  void aPieceHeldWholeIsWrittenInOneWriteAndHandedOverToBeHashed() {
    int[] order = {3, 0, 9, 1, 2, 8, 4, 5, 7, 6};
    boolean last = false;
    for (int index : order) {
      assertFalse(last, "the piece completed early");
      last = receive(1, index);
    }
    assertTrue(last);
    assertTrue(store.writes.isEmpty(), "nothing written while the piece is gathered");

    ByteBuffer whole = assembly.takeWhole(1);

    assertEquals(List.of(expected(1, 0, PIECE_LENGTH)), store.writes);
    byte[] bytes = new byte[whole.remaining()];
    whole.get(bytes);
    assertArrayEquals(block(1, 0, PIECE_LENGTH).array(), bytes);
    assertFalse(assembly.holds(1));
  }

  @Test
  void aPieceHandedOverToBeHashedGetsAFreshBufferForItsNextBlocks() {
    for (int index = 0; index < 10; index++) {
      receive(1, index);
    }
    ByteBuffer whole = assembly.takeWhole(1);

    // Its hash failed, say: its blocks come again, into another buffer.
    assembly.write(1, 0, ByteBuffer.wrap(new byte[BLOCK]));

    byte[] bytes = new byte[whole.remaining()];
    whole.get(bytes);
    assertArrayEquals(block(1, 0, PIECE_LENGTH).array(), bytes, "the piece being hashed");
    assertArrayEquals(new byte[BLOCK], read(1, 0, BLOCK));
  }

  @Test
  void aHeldPiecesBlocksAreReadFromMemory() {
    receive(2, 4);
    receive(2, 5);

    assertArrayEquals(block(2, 40, 20).array(), read(2, 40, 20));
    assertEquals(0, store.reads, "not from the store");
  }

  @Test
  void whenEveryBufferIsTakenThePieceHeldLongestIsSpilledRunByRun() {
    receive(0, 0);
    receive(0, 1);
    receive(0, 3);
    receive(1, 0);

    receive(2, 0); // a third piece: piece 0 goes to the store

    assertEquals(List.of(expected(0, 0, 20), expected(0, 30, 10)), store.writes);
    assertFalse(assembly.holds(0));
    assertTrue(assembly.holds(1));
    assertTrue(assembly.holds(2));
    assertArrayEquals(block(0, 0, 20).array(), read(0, 0, 20), "read back from the store");

    receive(0, 2); // a spilled piece's later blocks go straight to the store
    assertEquals(expected(0, 20, 10), store.writes.get(2));
    for (int index = 4; index < 10; index++) {
      receive(0, index);
    }
    assertNull(assembly.takeWhole(0), "complete, but on disk: read back to be hashed");
  }

  @Test
  void spillAllWritesEveryHeldPieceAndFreesItsBuffer() {
    receive(3, 9);
    receive(1, 0);

    assembly.spillAll();

    assertEquals(List.of(expected(3, 90, 10), expected(1, 0, 10)), store.writes);
    assertFalse(assembly.holds(3));
    assertTrue(buffers.poll() != null && buffers.poll() != null, "both buffers are spare");
  }

  @Test
  void withoutBuffersEveryBlockGoesStraightToTheStore() {
    PieceAssembly unbuffered = new PieceAssembly(tracker, blocks, null);

    unbuffered.write(1, 0, block(1, 0, BLOCK));

    assertEquals(List.of(expected(1, 0, BLOCK)), store.writes);
    assertFalse(unbuffered.holds(1));
    assertNull(unbuffered.takeWhole(1));
  }

  @Test
  void theBlockBufferIsConsumed() {
    ByteBuffer block = block(0, 0, 4);
    assembly.write(0, 0, block);
    assertEquals(0, block.remaining());
  }

  @Test
  void aVerifiedPieceIsNotOverwrittenWhenItsBlocksAreSpilled() {
    PieceState state = new PieceState(4);
    state.markVerified(1);
    PieceTracker guarded = new PieceTracker(store, state);
    PieceAssembly assembly =
        new PieceAssembly(
            guarded,
            new ReceivedBlocks(new BlockLayout(4 * PIECE_LENGTH, PIECE_LENGTH, BLOCK), state),
            buffers);
    assembly.write(1, 0, block(1, 0, BLOCK));

    assembly.spillAll();

    assertTrue(store.writes.isEmpty());
  }

  record Write(int piece, int offset, byte[] bytes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Write write
          && write.piece == piece
          && write.offset == offset
          && java.util.Arrays.equals(write.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * piece + offset) + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Write[" + piece + "@" + offset + "+" + bytes.length + "]";
    }
  }

  /** Records each write's bytes, and reads back what was written; counts reads. */
  static final class RecordingStore implements PieceStore {
    final List<Write> writes = new ArrayList<>();
    int reads;
    private final Info info;
    private final byte[] image;

    RecordingStore(int pieces) {
      this.image = new byte[pieces * PIECE_LENGTH];
      this.info =
          new Info(
              "recorded",
              PIECE_LENGTH,
              new byte[pieces * Info.PIECE_HASH_LENGTH],
              List.of(new FileEntry(List.of("recorded"), (long) pieces * PIECE_LENGTH)),
              true,
              false);
    }

    @Override
    public Info info() {
      return info;
    }

    @Override
    public void writeBlock(int piece, int offset, ByteBuffer data) {
      byte[] bytes = new byte[data.remaining()];
      data.duplicate().get(bytes);
      writes.add(new Write(piece, offset, bytes));
      System.arraycopy(bytes, 0, image, piece * PIECE_LENGTH + offset, bytes.length);
    }

    @Override
    public void readBlock(int piece, int offset, ByteBuffer target) {
      reads++;
      target.put(image, piece * PIECE_LENGTH + offset, target.remaining());
    }

    @Override
    public boolean isStored(int piece) {
      return false;
    }

    @Override
    public boolean verifyPiece(int piece) {
      return false;
    }

    @Override
    public void close() {}
  }
}
