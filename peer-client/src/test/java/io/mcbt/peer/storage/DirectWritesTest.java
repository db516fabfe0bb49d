package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.TorrentCreator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectWritesTest {
  private static final int PIECE = 64 * 1024;
  private static final int PAGE = 4096;

  @TempDir Path temp;

  @Test
  void onlyLargeAlignedStretchesFromAlignedDirectMemoryQualify() throws Exception {
    try (DirectWrites direct = new DirectWrites(temp, file -> temp.resolve("f" + file), 4)) {
      ByteBuffer aligned = pageAligned(2 * PIECE);
      assertTrue(direct.accepts(0, PIECE, aligned));
      assertTrue(direct.accepts(3L * PIECE, 2 * PIECE, aligned));
      assertFalse(direct.accepts(100, PIECE, aligned), "position off the block size");
      assertFalse(direct.accepts(0, PIECE - 1, aligned), "length off the block size");
      assertFalse(direct.accepts(0, PAGE, aligned), "too small to be worth it");
      assertFalse(direct.accepts(0, PIECE, aligned.position(1).slice()), "address off a page");
      assertFalse(direct.accepts(0, PIECE, ByteBuffer.allocate(PIECE)), "heap memory");
    }
  }

  @Test
  void anAlignedStretchGoesPastThePageCacheWhereTheFileSystemAllows() throws Exception {
    Path file = temp.resolve("f0");
    Files.write(file, new byte[2 * PIECE]);
    byte[] bytes = random(PIECE);
    try (DirectWrites direct = new DirectWrites(temp, n -> temp.resolve("f" + n), 4)) {
      ByteBuffer run = pageAligned(PIECE).put(bytes).flip();
      assumeTrue(direct.write(0, PIECE, run), "this file system refuses direct I/O");
      assertFalse(run.hasRemaining());
    }
    byte[] written = Files.readAllBytes(file);
    assertArrayEquals(bytes, Arrays.copyOfRange(written, PIECE, 2 * PIECE));
    assertArrayEquals(new byte[PIECE], Arrays.copyOf(written, PIECE));
  }

  /**
   * Whole pieces from aligned buffers go past the page cache, the short last piece and blocks from
   * heap memory through it, all into one file; every byte must land where it belongs, including
   * over a piece first written through the page cache with other bytes.
   */
  @Test
  void piecesWrittenBothWaysMakeTheSourceFile() throws Exception {
    byte[] source = random(4 * PIECE + 12_345);
    Path sourceFile =
        Files.write(Files.createDirectories(temp.resolve("src")).resolve("x"), source);
    Info info = torrentOf(sourceFile);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      store.writeBlock(2, 0, ByteBuffer.wrap(random(PIECE))); // bad bytes, replaced below
      ByteBuffer run = pageAligned(PIECE);
      for (int piece = 0; piece < 4; piece++) {
        run.clear().put(source, piece * PIECE, PIECE).flip();
        store.writeBlock(piece, 0, run);
        assertEquals(0, run.position(), "the buffer's position is left as it was");
      }
      store.writeBlock(4, 0, ByteBuffer.wrap(source, 4 * PIECE, 12_345));
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        assertTrue(store.verifyPiece(piece), "piece " + piece);
      }
    }
    assertArrayEquals(source, Files.readAllBytes(download.resolve("x")));
  }

  /** tmpfs, among others, may refuse O_DIRECT: the bytes must land all the same. */
  @Test
  void aFileSystemWithoutDirectIoStillGetsEveryByte() throws Exception {
    Path shm = Path.of("/dev/shm");
    Path folder = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "mcbt-") : temp;
    try {
      byte[] source = random(2 * PIECE);
      Path sourceFile = Files.write(folder.resolve("src.bin"), source);
      Info info = torrentOf(sourceFile);
      Path download = Files.createDirectory(folder.resolve("dl"));
      try (FilePieceStore store = FilePieceStore.open(info, download)) {
        ByteBuffer run = pageAligned(PIECE);
        for (int piece = 0; piece < 2; piece++) {
          store.writeBlock(piece, 0, run.clear().put(source, piece * PIECE, PIECE).flip());
        }
      }
      assertArrayEquals(source, Files.readAllBytes(download.resolve("src.bin")));
    } finally {
      try (var files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Info torrentOf(Path file) throws IOException {
    return TorrentCreator.of(file)
        .announce("http://127.0.0.1:1/announce")
        .pieceLength(PIECE)
        .create()
        .metainfo()
        .info();
  }

  private static ByteBuffer pageAligned(int capacity) {
    return ByteBuffer.allocateDirect(capacity + 2 * PAGE).alignedSlice(PAGE).slice(0, capacity);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
