package io.mcbt.peer.storage;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.TorrentCreator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Torrents of random data, and ways to write them block by block. */
final class StorageFixtures {
  static final int PIECE_LENGTH = 16384;
  static final int BLOCK_LENGTH = 4096;

  private StorageFixtures() {}

  /** Writes {@code size} random bytes to {@code file}, creating its folders. */
  static Path randomFile(Path file, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(file.getFileName().toString().hashCode() * 31L + size).nextBytes(data);
    Files.createDirectories(file.getParent());
    return Files.write(file, data);
  }

  /** The {@code info} of a torrent of {@code source}, a file or a folder. */
  static Info torrentOf(Path source) throws IOException {
    return TorrentCreator.of(source)
        .announce("http://127.0.0.1:1/announce")
        .pieceLength(PIECE_LENGTH)
        .create()
        .metainfo()
        .info();
  }

  /**
   * A folder {@code album} of files whose ends fall inside pieces, with two zero-length files, one
   * file of exactly one piece and one of a single byte.
   */
  static Path album(Path parent) throws IOException {
    Path album = parent.resolve("album");
    randomFile(album.resolve("a.bin"), 10_000);
    Files.createDirectories(album.resolve("b"));
    Files.createFile(album.resolve("b/empty.txt"));
    randomFile(album.resolve("b/c.bin"), 30_000);
    randomFile(album.resolve("d.bin"), PIECE_LENGTH);
    Files.createDirectories(album.resolve("e/f"));
    Files.createFile(album.resolve("e/f/empty"));
    randomFile(album.resolve("g.bin"), 1);
    randomFile(album.resolve("h.bin"), 50_001);
    return album;
  }

  /** Where the source of {@code file} is, given the file or folder the torrent was made of. */
  static Path sourceOf(Path source, Info info, FileEntry file) {
    if (info.singleFile()) {
      return source;
    }
    Path path = source;
    for (String component : file.path()) {
      path = path.resolve(component);
    }
    return path;
  }

  /** The torrent's bytes: its files laid end to end. */
  static byte[] torrentBytes(Path source, Info info) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (FileEntry file : info.files()) {
      all.write(Files.readAllBytes(sourceOf(source, info, file)));
    }
    return all.toByteArray();
  }

  /** A block of a piece, as a peer would send it. */
  record Block(int piece, int offset, int length) {}

  /** Every block of the torrent, in a random order fixed by {@code seed}. */
  static List<Block> shuffledBlocks(Info info, long seed) {
    List<Block> blocks = new ArrayList<>();
    long total = info.totalLength();
    for (int piece = 0; piece < info.pieceCount(); piece++) {
      int size = (int) Math.min(info.pieceLength(), total - piece * info.pieceLength());
      for (int offset = 0; offset < size; offset += BLOCK_LENGTH) {
        blocks.add(new Block(piece, offset, Math.min(BLOCK_LENGTH, size - offset)));
      }
    }
    Collections.shuffle(blocks, new Random(seed));
    return blocks;
  }

  /** The bytes of {@code block}, cut from the torrent's bytes. */
  static ByteBuffer data(byte[] torrent, Info info, Block block) {
    int start = (int) (block.piece() * info.pieceLength() + block.offset());
    return ByteBuffer.wrap(torrent, start, block.length()).slice();
  }

  /** Writes every block of the torrent into {@code store} in a random order. */
  static void writeAll(PieceStore store, byte[] torrent, long seed) {
    for (Block block : shuffledBlocks(store.info(), seed)) {
      store.writeBlock(block.piece(), block.offset(), data(torrent, store.info(), block));
    }
  }

  /** An {@link Info} built directly, bypassing the parser's checks, with dummy hashes. */
  static Info rawInfo(String name, boolean singleFile, List<FileEntry> files) {
    long total = files.stream().mapToLong(FileEntry::length).sum();
    int pieces = (int) ((total + PIECE_LENGTH - 1) / PIECE_LENGTH);
    return new Info(
        name, PIECE_LENGTH, new byte[pieces * Info.PIECE_HASH_LENGTH], files, singleFile, false);
  }

  /** The pieces that hold any byte of file number {@code file}. */
  static List<Integer> piecesOf(Info info, int file) {
    long start = 0;
    for (int i = 0; i < file; i++) {
      start += info.files().get(i).length();
    }
    long end = start + info.files().get(file).length();
    List<Integer> pieces = new ArrayList<>();
    for (long p = start / info.pieceLength(); p * info.pieceLength() < end; p++) {
      pieces.add((int) p);
    }
    return pieces;
  }
}
