package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceStore;
import io.mcbt.peer.storage.PieceTracker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run of 10 bytes over a store that records its writes. */
class RunWriterTest {
  private static final int PIECE_LENGTH = 100;
  private static final int RUN_BYTES = 10;

  private final RecordingStore store = new RecordingStore(4);
  private final RunWriter writer =
      new RunWriter(
          new PieceTracker(store, new PieceState(4)), ByteBuffer.allocateDirect(RUN_BYTES));

  /** {@code length} bytes whose values are their offsets in the piece plus 10 times the piece. */
  private static ByteBuffer block(int piece, int offset, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (piece * 10 + offset + i);
    }
    return ByteBuffer.wrap(bytes);
  }

  private void write(int piece, int offset, int length) {
    writer.write(piece, offset, block(piece, offset, length));
  }

  private static Write expected(int piece, int offset, int length) {
    return new Write(piece, offset, block(piece, offset, length).array());
  }

  @Test
  void consecutiveBlocksOfAPieceAreOneWrite() {
    write(0, 0, 3);
    write(0, 3, 3);
    write(0, 6, 4);
    assertTrue(store.writes.isEmpty(), "nothing written before a flush");

    writer.flush();

    assertEquals(List.of(expected(0, 0, 10)), store.writes);
  }

  @Test
  void aGapFlushesTheRun() {
    write(1, 0, 3);
    write(1, 6, 3);
    assertEquals(List.of(expected(1, 0, 3)), store.writes);

    writer.flush();
    assertEquals(List.of(expected(1, 0, 3), expected(1, 6, 3)), store.writes);
  }

  @Test
  void aBlockBeforeTheRunFlushesIt() {
    write(1, 3, 3);
    write(1, 0, 3);
    writer.flush();
    assertEquals(List.of(expected(1, 3, 3), expected(1, 0, 3)), store.writes);
  }

  @Test
  void anotherPieceFlushesTheRun() {
    write(0, 0, 3);
    write(2, 3, 3);
    assertEquals(List.of(expected(0, 0, 3)), store.writes);
    writer.flush();
    assertEquals(List.of(expected(0, 0, 3), expected(2, 3, 3)), store.writes);
  }

  @Test
  void aFullRunIsWrittenAndANewOneStarts() {
    write(0, 0, 4);
    write(0, 4, 4);
    write(0, 8, 4); // 12 bytes do not fit a run of 10
    assertEquals(List.of(expected(0, 0, 8)), store.writes);
    writer.flush();
    assertEquals(List.of(expected(0, 0, 8), expected(0, 8, 4)), store.writes);
  }

  @Test
  void flushOfAPieceFlushesOnlyThatPiece() {
    write(3, 0, 3);
    write(3, 3, 3);

    writer.flush(2);
    assertTrue(store.writes.isEmpty());

    writer.flush(3);
    assertEquals(List.of(expected(3, 0, 6)), store.writes);

    writer.flush(3);
    writer.flush();
    assertEquals(1, store.writes.size(), "nothing is written twice");
  }

  @Test
  void aBlockLargerThanTheRunGoesStraightThrough() {
    write(0, 0, 3);
    write(0, 3, 12);
    assertEquals(List.of(expected(0, 0, 3), expected(0, 3, 12)), store.writes);

    write(0, 15, 3); // follows the large block, but that one left no run behind
    writer.flush();
    assertEquals(List.of(expected(0, 0, 3), expected(0, 3, 12), expected(0, 15, 3)), store.writes);
  }

  @Test
  void aLargeBlockAloneGoesStraightThrough() {
    write(1, 20, 30);
    assertEquals(List.of(expected(1, 20, 30)), store.writes);
    writer.flush();
    assertEquals(1, store.writes.size());
  }

  @Test
  void aBlockOfExactlyTheRunIsGathered() {
    write(2, 0, RUN_BYTES);
    assertTrue(store.writes.isEmpty());
    write(2, RUN_BYTES, 1);
    assertEquals(List.of(expected(2, 0, RUN_BYTES)), store.writes);
  }

  @Test
  void theBlockBufferIsConsumed() {
    ByteBuffer block = block(0, 0, 4);
    writer.write(0, 0, block);
    assertEquals(0, block.remaining());
  }

  @Test
  void aVerifiedPieceIsNotOverwritten() {
    PieceState state = new PieceState(4);
    state.markVerified(1);
    RunWriter guarded =
        new RunWriter(new PieceTracker(store, state), ByteBuffer.allocateDirect(RUN_BYTES));
    guarded.write(1, 0, block(1, 0, 3));
    guarded.write(2, 0, block(2, 0, 3));
    guarded.flush();
    assertEquals(List.of(expected(2, 0, 3)), store.writes);
  }

  @Test
  void aRunFromThePiecesFirstByteToItsSizeIsWhole() {
    write(1, 0, 4);
    assertTrue(writer.holdsWhole(1, 4));
    assertFalse(writer.holdsWhole(1, 5), "a piece of 5 bytes lacks one");
    assertFalse(writer.holdsWhole(0, 4), "another piece");

    write(2, 2, 4);
    assertFalse(writer.holdsWhole(2, 4), "a run from the middle of the piece");
  }

  @Test
  void aTakenRunIsWrittenAndHandedOverWhileANewBufferGathers() {
    ByteBuffer next = ByteBuffer.allocateDirect(RUN_BYTES);
    write(1, 0, 6);

    ByteBuffer taken = writer.takeRun(next);

    assertEquals(List.of(expected(1, 0, 6)), store.writes);
    byte[] bytes = new byte[taken.remaining()];
    taken.get(bytes);
    assertArrayEquals(block(1, 0, 6).array(), bytes);
    write(1, 6, 4);
    assertFalse(writer.holdsWhole(1, 10), "the new run starts empty, at offset 6");
    writer.flush();
    assertEquals(List.of(expected(1, 0, 6), expected(1, 6, 4)), store.writes);
  }

  @Test
  void expectedBytesAreWhatWasWritten() {
    write(0, 0, 2);
    writer.flush();
    assertArrayEquals(new byte[] {0, 1}, store.writes.get(0).bytes());
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

  /** Records each write's bytes; leaves the buffer's position as the contract says. */
  static final class RecordingStore implements PieceStore {
    final List<Write> writes = new ArrayList<>();
    private final Info info;

    RecordingStore(int pieces) {
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
    }

    @Override
    public void readBlock(int piece, int offset, ByteBuffer target) {
      throw new UnsupportedOperationException();
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
