package io.mcbt.metainfo;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code info} dictionary of a torrent (BEP 3): what is shared and the hash of every piece.
 *
 * @param name the file name (single-file) or folder name (multi-file)
 * @param pieceLength bytes per piece; the last piece may be shorter
 * @param pieceHashes the concatenated 20-byte SHA-1 of every piece
 * @param files the files in torrent order; one entry named {@code name} for a single-file torrent
 * @param singleFile whether the torrent has the single-file form ({@code length}, no {@code files})
 * @param privateTorrent the BEP 27 private flag: peers only from the tracker
 */
public record Info(
    String name,
    long pieceLength,
    byte[] pieceHashes,
    List<FileEntry> files,
    boolean singleFile,
    boolean privateTorrent) {
  public static final int PIECE_HASH_LENGTH = 20;

  public Info {
    files = List.copyOf(files);
    pieceHashes = pieceHashes.clone();
  }

  @Override
  public byte[] pieceHashes() {
    return pieceHashes.clone();
  }

  public int pieceCount() {
    return pieceHashes.length / PIECE_HASH_LENGTH;
  }

  /** The expected SHA-1 of piece {@code index}. */
  public byte[] pieceHash(int index) {
    int from = index * PIECE_HASH_LENGTH;
    return Arrays.copyOfRange(pieceHashes, from, from + PIECE_HASH_LENGTH);
  }

  public long totalLength() {
    // A plain loop: receivers call this for every piece, and a stream pipeline there cost each
    // member a compilation of its own mid-session.
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      total += files.get(i).length();
    }
    return total;
  }

  /** The length of piece {@code index}: {@link #pieceLength} except, maybe, for the last. */
  public long pieceSize(int index) {
    long start = index * pieceLength;
    return Math.min(pieceLength, totalLength() - start);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Info that
        && name.equals(that.name)
        && pieceLength == that.pieceLength
        && Arrays.equals(pieceHashes, that.pieceHashes)
        && files.equals(that.files)
        && singleFile == that.singleFile
        && privateTorrent == that.privateTorrent;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(pieceHashes);
  }

  @Override
  public String toString() {
    return "Info[name=" + name + ", pieces=" + pieceCount() + ", files=" + files.size() + "]";
  }
}
