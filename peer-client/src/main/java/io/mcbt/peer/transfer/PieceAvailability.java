package io.mcbt.peer.transfer;

/**
 * Which pieces a sender can multicast now: every piece for a holder; for a relay, those it has
 * fetched and verified so far.
 */
@FunctionalInterface
public interface PieceAvailability {
  /**
   * Waits at most {@code timeoutNs} for {@code piece}.
   *
   * @return whether the piece can be sent now
   */
  boolean await(int piece, long timeoutNs) throws InterruptedException;

  /** A holder's: every piece, at once. */
  PieceAvailability WHOLE = (piece, timeoutNs) -> true;
}
