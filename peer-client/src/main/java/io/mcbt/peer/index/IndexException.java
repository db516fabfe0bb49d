package io.mcbt.peer.index;

/**
 * The index could not be reached or refused a request. The message is meant for the user: it holds
 * the server's own reason when the server gave one.
 */
public final class IndexException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The {@link #status()} when no HTTP answer arrived at all. */
  public static final int NO_ANSWER = 0;

  private final int status;
  private final String reason;

  IndexException(int status, String reason, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.reason = reason;
  }

  /** The server answered with an error status. */
  static IndexException answered(int status, String reason) {
    return new IndexException(status, reason, reason + " (HTTP " + status + ")", null);
  }

  /** No answer: the connection failed or timed out. */
  static IndexException unreachable(String server, String reason, Throwable cause) {
    return new IndexException(
        NO_ANSWER, reason, "cannot reach the index at " + server + ": " + reason, cause);
  }

  /** The HTTP status the server answered with, or {@link #NO_ANSWER}. */
  public int status() {
    return status;
  }

  /** What went wrong, without the status: the server's {@code reason} when it sent one. */
  public String reason() {
    return reason;
  }
}
