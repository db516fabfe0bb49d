package io.mcbt.peer.session;

/**
 * A snapshot of a session for progress displays.
 *
 * @param leftBytes bytes of the pieces still missing
 * @param downloadedBytes payload bytes received from peers since the start
 * @param uploadedBytes payload bytes sent to peers since the start
 */
public record SessionStats(
    int verifiedPieces,
    int pieceCount,
    long totalBytes,
    long leftBytes,
    long downloadedBytes,
    long uploadedBytes,
    int peers) {
  public boolean complete() {
    return verifiedPieces == pieceCount;
  }
}
