package io.mcbt.wire;

/**
 * Bytes from a peer that are not a peer wire message this project accepts (BEP 3, 5, 6, 10). The
 * message says precisely why; the caller decides what to do, normally drop the peer.
 *
 * <p>Carries no stack trace: hostile peers can produce these at will, and the message alone locates
 * the fault.
 */
public final class MalformedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message, null, false, false);
  }
}
