package io.mcbt.grouping;

/** A group's lifecycle: FORMING, then SENDING, then DONE or FAILED. */
public enum GroupState {
  /** Gathering members during the formation window. */
  FORMING,
  /** The sender multicasts; late joiners may still come in. */
  SENDING,
  /** Every member finished or left, and at least one finished; or all finished by the deadline. */
  DONE,
  /** Ended before every member finished: deadline passed, or no member or sender left. */
  FAILED;

  public boolean isActive() {
    return this == FORMING || this == SENDING;
  }
}
