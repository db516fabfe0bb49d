package io.mcbt.tracker;

/** A request the tracker refuses; the message is the {@code failure reason} sent back. */
public final class TrackerFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public TrackerFailure(String reason) {
    super(reason, null, false, false);
  }
}
