package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceTrackerTest {
  @TempDir Path temp;
  Info info;
  byte[] torrent;
  Path download;

  @BeforeEach
  void torrent() throws Exception {
    Path source = StorageFixtures.randomFile(temp.resolve("src/f.bin"), 40_000);
    info = StorageFixtures.torrentOf(source);
    torrent = Files.readAllBytes(source);
    download = Files.createDirectory(temp.resolve("dl"));
  }

  @Test
  void marksAPieceVerifiedOnlyWhenItsHashMatches() {
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      PieceTracker tracker = new PieceTracker(store, new PieceState(info.pieceCount()));
      assertTrue(tracker.writeBlock(0, 0, piece(0)));
      assertTrue(tracker.verifyPiece(0));
      assertTrue(tracker.state().isVerified(0));

      ByteBuffer wrong = piece(1);
      wrong.put(0, (byte) (wrong.get(0) ^ 1));
      tracker.writeBlock(1, 0, wrong);
      assertFalse(tracker.verifyPiece(1));
      assertFalse(tracker.state().isVerified(1));
    }
  }

  @Test
  void aPieceHashedAsWrittenIsVerifiedOnlyWhenWholeAndRight() {
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      PieceTracker tracker = new PieceTracker(store, new PieceState(info.pieceCount()));
      assertTrue(tracker.verifyWritten(0, piece(0)));
      assertTrue(tracker.state().isVerified(0));

      ByteBuffer wrong = piece(1);
      wrong.put(3, (byte) (wrong.get(3) ^ 1));
      assertFalse(tracker.verifyWritten(1, wrong));
      assertFalse(tracker.verifyWritten(1, piece(1).limit(10)), "a part of the piece");
      assertFalse(tracker.state().isVerified(1));
    }
  }

  @Test
  void dropsBlocksForAVerifiedPiece() throws Exception {
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      PieceTracker tracker = new PieceTracker(store, new PieceState(info.pieceCount()));
      tracker.writeBlock(0, 0, piece(0));
      tracker.verifyPiece(0);

      assertFalse(tracker.writeBlock(0, 0, ByteBuffer.allocate(100)));
      assertTrue(tracker.verifyPiece(0));
    }
    byte[] onDisk = Files.readAllBytes(download.resolve("f.bin"));
    assertArrayEquals(
        Arrays.copyOf(torrent, (int) info.pieceLength()),
        Arrays.copyOf(onDisk, (int) info.pieceLength()));
  }

  @Test
  void aFailedWriteLeavesThePieceUnverified() {
    StorageException full =
        new StorageException(Reason.DISK_FULL, download, "cannot write: the disk is full");
    try (FilePieceStore files = FilePieceStore.open(info, download)) {
      PieceStore store = new FailingStore(files, full, null);
      PieceTracker tracker = new PieceTracker(store, new PieceState(info.pieceCount()));
      assertSame(
          full, assertThrows(StorageException.class, () -> tracker.writeBlock(0, 0, piece(0))));
      assertFalse(tracker.state().isVerified(0));
      assertFalse(tracker.verifyPiece(0));
      assertEquals(0, tracker.state().verifiedCount());
    }
  }

  @Test
  void aPieceThatCannotBeReadIsNoLongerVerified() {
    StorageException broken =
        new StorageException(Reason.IO_ERROR, download, "cannot read: Input/output error");
    try (FilePieceStore files = FilePieceStore.open(info, download)) {
      PieceState state = new PieceState(info.pieceCount());
      state.markVerified(0);
      PieceTracker tracker = new PieceTracker(new FailingStore(files, null, broken), state);
      assertSame(broken, assertThrows(StorageException.class, () -> tracker.verifyPiece(0)));
      assertFalse(state.isVerified(0));
    }
  }

  @Test
  void refusesAStateOfAnotherSize() {
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      assertThrows(
          IllegalArgumentException.class, () -> new PieceTracker(store, new PieceState(1)));
    }
  }

  @Test
  void theWrittenBytesArriveOnDisk() throws Exception {
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      PieceTracker tracker = new PieceTracker(store, new PieceState(info.pieceCount()));
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        tracker.writeBlock(piece, 0, piece(piece));
        assertTrue(tracker.verifyPiece(piece));
      }
      assertTrue(tracker.state().isComplete());
    }
    assertArrayEquals(torrent, Files.readAllBytes(download.resolve("f.bin")));
  }

  private ByteBuffer piece(int piece) {
    int start = (int) (piece * info.pieceLength());
    int size = (int) Math.min(info.pieceLength(), torrent.length - start);
    return ByteBuffer.wrap(torrent.clone(), start, size).slice();
  }

  /** Fails writes or verification with a given exception. */
  private record FailingStore(PieceStore store, StorageException onWrite, StorageException onVerify)
      implements PieceStore {
    @Override
    public Info info() {
      return store.info();
    }

    @Override
    public void writeBlock(int piece, int offset, ByteBuffer data) {
      if (onWrite != null) {
        throw onWrite;
      }
      store.writeBlock(piece, offset, data);
    }

    @Override
    public void readBlock(int piece, int offset, ByteBuffer target) {
      store.readBlock(piece, offset, target);
    }

    @Override
    public boolean isStored(int piece) {
      return store.isStored(piece);
    }

    @Override
    public boolean verifyPiece(int piece) {
      if (onVerify != null) {
        throw onVerify;
      }
      return store.verifyPiece(piece);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
