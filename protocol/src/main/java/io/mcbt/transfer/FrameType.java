package io.mcbt.transfer;

/** What a frame carries; the code is the header's type byte. */
public enum FrameType {
  /** A block of the torrent, multicast. */
  DATA(1),
  /** A Reed-Solomon repair block of a coding group, multicast. */
  REPAIR(2),
  /** The sender asks members what they miss, multicast. */
  STATUS_REQUEST(3),
  /** The sender ends the session, multicast. */
  END(4),
  /** A member tells the sender what it misses, unicast to the sender's control port. */
  NACK(5);

  private static final FrameType[] BY_CODE = new FrameType[6];

  static {
    for (FrameType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type with {@code code}, or null for a code no frame has. */
  public static FrameType ofCode(int code) {
    return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
