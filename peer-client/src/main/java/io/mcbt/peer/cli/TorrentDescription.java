package io.mcbt.peer.cli;

import io.mcbt.metainfo.MagnetLink;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.index.TorrentDetails;
import java.io.PrintWriter;
import java.util.List;

/** Prints what matters about a torrent as aligned "label: value" lines. */
final class TorrentDescription {
  private final PrintWriter out;

  TorrentDescription(PrintWriter out) {
    this.out = out;
  }

  /** A torrent held locally. */
  void print(Metainfo metainfo) {
    printFacts(
        metainfo.infoHash().hex(),
        metainfo.info().name(),
        metainfo.info().totalLength(),
        metainfo.info().files().size(),
        metainfo.info().pieceCount(),
        metainfo.info().pieceLength(),
        metainfo.info().privateTorrent(),
        metainfo.trackers(),
        MagnetLink.of(metainfo).uri());
  }

  /** A torrent as the index describes it. */
  void print(TorrentDetails torrent) {
    printFacts(
        torrent.infoHash(),
        torrent.name(),
        torrent.totalSize(),
        torrent.fileCount(),
        torrent.pieceCount(),
        torrent.pieceLength(),
        torrent.privateTorrent(),
        torrent.trackers().stream().flatMap(List::stream).distinct().toList(),
        torrent.magnet());
  }

  void line(String label, String value) {
    out.printf("%-10s %s%n", label + ":", value);
  }

  private void printFacts(
      String infoHash,
      String name,
      long totalSize,
      int fileCount,
      int pieceCount,
      long pieceLength,
      boolean privateTorrent,
      List<String> trackers,
      String magnet) {
    line("info-hash", infoHash);
    line("name", name);
    line(
        "size",
        ByteSizes.human(totalSize)
            + " ("
            + totalSize
            + " bytes) in "
            + fileCount
            + (fileCount == 1 ? " file" : " files"));
    line("pieces", pieceCount + " x " + ByteSizes.human(pieceLength));
    if (privateTorrent) {
      line("private", "yes: peers come from the tracker only");
    }
    for (String tracker : trackers) {
      line("tracker", tracker);
    }
    line("magnet", magnet);
  }
}
