package io.mcbt.tracker.udp;

import java.util.OptionalInt;

/**
 * A packet that is not a BEP 15 request. When its transaction id could be read, the sender gets an
 * error packet with the message; otherwise the packet is dropped.
 */
public final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;
  private final OptionalInt transactionId;

  MalformedPacketException(String message, OptionalInt transactionId) {
    super(message, null, false, false);
    this.transactionId = transactionId;
  }

  public OptionalInt transactionId() {
    return transactionId;
  }
}
