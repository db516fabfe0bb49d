package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeCheckTest {
  @TempDir Path temp;

  @Test
  void findsExactlyThePiecesThatSurvivedACrash() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = StorageFixtures.torrentBytes(source, info);
    Path download = Files.createDirectory(temp.resolve("dl"));
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      StorageFixtures.writeAll(store, torrent, 5);
    }
    // a.bin (file 0) is gone, g.bin (file 5) lost its byte, and one byte of piece 5 (inside
    // h.bin, file 6, which also holds pieces 3, 4 and 6) is flipped.
    Files.delete(download.resolve("album/a.bin"));
    try (RandomAccessFile g =
        new RandomAccessFile(download.resolve("album/g.bin").toFile(), "rw")) {
      g.setLength(0);
    }
    long corruptAt = 5L * info.pieceLength() + 77 - (10_000 + 30_000 + 16_384 + 1);
    try (RandomAccessFile h =
        new RandomAccessFile(download.resolve("album/h.bin").toFile(), "rw")) {
      h.seek(corruptAt);
      int old = h.read();
      h.seek(corruptAt);
      h.write(old ^ 0xff);
    }
    Set<Integer> unreadable = new TreeSet<>(StorageFixtures.piecesOf(info, 0));
    unreadable.addAll(StorageFixtures.piecesOf(info, 5));
    BitSet expected = new BitSet();
    expected.set(0, info.pieceCount());
    unreadable.forEach(expected::clear);
    expected.clear(5);
    assertEquals(Set.of(0, 3), unreadable, "the layout this test assumes");

    List<Long> progress = Collections.synchronizedList(new ArrayList<>());
    ResumeCheck.Result result;
    try (CountingStore store = new CountingStore(FilePieceStore.open(info, download))) {
      result = ResumeCheck.run(store, 2, progress::add);
      assertEquals(Set.of(), intersection(store.piecesRead, unreadable), "read a missing piece");
    }

    assertEquals(expected, result.pieces().verified());
    assertFalse(result.pieces().isComplete());
    long expectedRead = 0;
    for (int piece = 0; piece < info.pieceCount(); piece++) {
      if (!unreadable.contains(piece)) {
        expectedRead += info.pieceSize(piece);
      }
    }
    assertEquals(expectedRead, result.bytesRead());
    assertEquals(info.pieceCount(), progress.size());
    assertEquals(info.totalLength(), progress.get(progress.size() - 1));
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) > progress.get(i - 1), "progress only rises");
    }
  }

  @Test
  void completeDataVerifiesEveryPieceWhateverTheThreadCount() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      StorageFixtures.writeAll(store, StorageFixtures.torrentBytes(source, info), 6);
    }

    for (int threads : new int[] {1, 3, 16}) {
      try (FilePieceStore store = FilePieceStore.open(info, download)) {
        ResumeCheck.Result result = ResumeCheck.run(store, threads, bytes -> {});
        assertTrue(result.pieces().isComplete(), threads + " threads");
        assertEquals(info.totalLength(), result.bytesRead());
      }
    }
  }

  @Test
  void anEmptyFolderReadsNothing() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));
    long[] last = new long[1];

    try (CountingStore store = new CountingStore(FilePieceStore.open(info, download))) {
      ResumeCheck.Result result = ResumeCheck.run(store, bytes -> last[0] = bytes);
      assertEquals(0, result.pieces().verifiedCount());
      assertEquals(0, result.bytesRead());
      assertEquals(Set.of(), store.piecesRead);
    }
    assertEquals(info.totalLength(), last[0]);
  }

  @Test
  void aReadFailureStopsTheCheckAndReachesTheCaller() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));
    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      StorageFixtures.writeAll(store, StorageFixtures.torrentBytes(source, info), 7);
    }
    StorageException failure =
        new StorageException(Reason.IO_ERROR, download, "cannot read: Input/output error");

    try (CountingStore store = new CountingStore(FilePieceStore.open(info, download))) {
      store.failOnRead = failure;
      assertSame(
          failure, assertThrows(StorageException.class, () -> ResumeCheck.run(store, 2, b -> {})));
    }
  }

  private static Set<Integer> intersection(Set<Integer> a, Set<Integer> b) {
    Set<Integer> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** Records which pieces were read, and fails reads on request. */
  private static final class CountingStore implements PieceStore {
    final PieceStore store;
    final Set<Integer> piecesRead = ConcurrentHashMap.newKeySet();
    volatile StorageException failOnRead;

    CountingStore(PieceStore store) {
      this.store = store;
    }

    @Override
    public Info info() {
      return store.info();
    }

    @Override
    public void writeBlock(int piece, int offset, ByteBuffer data) {
      store.writeBlock(piece, offset, data);
    }

    @Override
    public void readBlock(int piece, int offset, ByteBuffer target) {
      piecesRead.add(piece);
      if (failOnRead != null) {
        throw failOnRead;
      }
      store.readBlock(piece, offset, target);
    }

    @Override
    public boolean isStored(int piece) {
      return store.isStored(piece);
    }

    @Override
    public boolean verifyPiece(int piece) {
      return store.verifyPiece(piece);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
