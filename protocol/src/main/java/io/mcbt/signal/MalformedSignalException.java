package io.mcbt.signal;

/** A signalling message that cannot be read; the message says why, for an {@code error} reply. */
public final class MalformedSignalException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedSignalException(String reason) {
    super(reason, null, false, false);
  }
}
