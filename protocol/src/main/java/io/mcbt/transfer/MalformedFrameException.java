package io.mcbt.transfer;

/**
 * A datagram that is not a well-formed frame of this protocol. It has no stack trace: it reports
 * bad input from the network, not a bug, and must stay cheap under a flood of garbage.
 */
public final class MalformedFrameException extends Exception {
  public MalformedFrameException(String message) {
    super(message, null, false, false);
  }
}
