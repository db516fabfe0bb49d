package io.mcbt.peer.tracker;

import java.io.IOException;

/** The tracker refused an announce ({@code failure reason}) or sent a reply that does not parse. */
public final class TrackerException extends IOException {
  private static final long serialVersionUID = 1L;

  public TrackerException(String message) {
    super(message);
  }

  public TrackerException(String message, Throwable cause) {
    super(message, cause);
  }
}
