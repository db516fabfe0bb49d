package io.mcbt.peer.cli;

import io.mcbt.peer.transfer.MulticastSender;
import io.mcbt.transfer.EndFrame;
import java.util.Locale;

/**
 * What a sender prints about its group: each round, and the session's end with its figures. In the
 * root locale: scripts read these lines, and a decimal comma would break them.
 */
final class SenderLines {
  private SenderLines() {}

  static String round(long groupId, MulticastSender.Figures figures) {
    return String.format(
        Locale.ROOT,
        "multicast group %d: round %d, %d/%d members done, %s sent, %s/s",
        groupId,
        figures.rounds(),
        figures.membersComplete(),
        figures.members(),
        ByteSizes.human(figures.bytesSent()),
        ByteSizes.human((long) figures.rateBytesPerSecond()));
  }

  /** The line the bench reads: outcome, members done, rounds, bytes against the size, time. */
  static String ended(
      long groupId, EndFrame.Reason reason, MulticastSender.Figures figures, long torrentSize) {
    double seconds = figures.elapsedNs() / 1e9;
    return String.format(
        Locale.ROOT,
        "multicast group %d: %s, %d/%d members done, %d rounds, %s sent (%.3f x the torrent), %s"
            + " of repairs, %.2f s, %s/s",
        groupId,
        reason.toString().toLowerCase(Locale.ROOT).replace('_', ' '),
        figures.membersComplete(),
        figures.members(),
        figures.rounds(),
        ByteSizes.human(figures.bytesSent()),
        figures.bytesSent() / (double) torrentSize,
        ByteSizes.human(figures.retransmittedBytes()),
        seconds,
        ByteSizes.human((long) (torrentSize / Math.max(seconds, 1e-3))));
  }
}
