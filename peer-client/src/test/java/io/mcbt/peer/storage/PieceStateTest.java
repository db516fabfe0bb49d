package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PieceStateTest {
  @Test
  void startsWithEveryPieceMissing() {
    PieceState state = new PieceState(10);
    assertEquals(0, state.verifiedCount());
    assertFalse(state.isComplete());
    BitSet all = new BitSet();
    all.set(0, 10);
    assertEquals(all, state.missing());
  }

  @Test
  void tracksVerifiedAndMissingPieces() {
    PieceState state = new PieceState(3);
    state.markVerified(0);
    state.markVerified(2);
    assertTrue(state.isVerified(2));
    assertEquals(BitSet.valueOf(new long[] {0b010}), state.missing());
    state.markVerified(1);
    assertTrue(state.isComplete());
    state.markMissing(2);
    assertFalse(state.isComplete());
    assertEquals(BitSet.valueOf(new long[] {0b011}), state.verified());
  }

  @Test
  void handsOutCopies() {
    PieceState state = new PieceState(2);
    state.verified().set(0);
    state.missing().clear(1);
    assertEquals(0, state.verifiedCount());
  }

  @Test
  void bitfieldPutsPieceZeroInTheHighBitAndLeavesSpareBitsClear() {
    PieceState state = new PieceState(10);
    state.markVerified(0);
    state.markVerified(7);
    state.markVerified(8);
    state.markVerified(9);
    assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0xC0}, state.toBitfield());
    assertArrayEquals(new byte[0], new PieceState(0).toBitfield());
  }

  @Test
  void refusesPiecesOutOfRange() {
    PieceState state = new PieceState(4);
    assertThrows(IndexOutOfBoundsException.class, () -> state.markVerified(4));
    assertThrows(IndexOutOfBoundsException.class, () -> state.isVerified(-1));
    assertThrows(IllegalArgumentException.class, () -> new PieceState(-1));
  }

  @Test
  void anEmptyTorrentIsComplete() {
    assertTrue(new PieceState(0).isComplete());
  }

  @Test
  void inOrderOnlyTheFirstMissingPiecesAreWanted() {
    PieceState state = new PieceState(10);
    state.markVerified(1);
    state.fetchInOrder(3);

    assertEquals(BitSet.valueOf(new long[] {0b1101}), state.wanted(), "pieces 0, 2 and 3");
    state.markVerified(0);
    assertEquals(BitSet.valueOf(new long[] {0b11100}), state.wanted(), "pieces 2, 3 and 4");
    state.holdDownloads(true);
    assertTrue(state.wanted().isEmpty());
  }

  @Test
  void aWaitForAPieceEndsWhenItIsVerifiedOrTimesOut() throws Exception {
    PieceState state = new PieceState(4);
    assertFalse(state.awaitVerified(2, 1_000_000));

    Thread verifier =
        new Thread(
            () -> {
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                return;
              }
              state.markVerified(2);
            });
    verifier.start();
    assertTrue(state.awaitVerified(2, 10_000_000_000L));
    verifier.join();
  }
}
