package io.mcbt.tracker;

/** The {@code event} of an announce (BEP 3; ids of BEP 15). */
public enum AnnounceEvent {
  /** A regular announce, at the tracker's interval. */
  NONE(0),
  /** The download has just finished. */
  COMPLETED(1),
  /** The first announce of a download. */
  STARTED(2),
  /** The client is leaving the swarm. */
  STOPPED(3),
  /** BEP 21: a partial seed that wants no more pieces; treated like a regular announce. */
  PAUSED(4);

  private final int udpId;

  AnnounceEvent(int udpId) {
    this.udpId = udpId;
  }

  /** The number BEP 15 uses for this event. */
  public int udpId() {
    return udpId;
  }

  /** The event for a BEP 15 number, or null for an unknown number. */
  public static AnnounceEvent ofUdpId(int id) {
    return id >= 0 && id <= 3 ? values()[id] : null;
  }

  /** The event for an HTTP {@code event} value; empty or missing means {@link #NONE}. */
  public static AnnounceEvent ofHttpValue(String value) throws TrackerFailure {
    if (value == null || value.isEmpty()) {
      return NONE;
    }
    return switch (value) {
      case "started" -> STARTED;
      case "completed" -> COMPLETED;
      case "stopped" -> STOPPED;
      case "paused" -> PAUSED;
      default -> throw new TrackerFailure("unknown event \"" + value + "\"");
    };
  }
}
