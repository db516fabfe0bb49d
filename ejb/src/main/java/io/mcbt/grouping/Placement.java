package io.mcbt.grouping;

/** Where {@link GroupFormation#join} put a leecher. */
public sealed interface Placement {
  Group group();

  /** In a forming group, which starts when its window ends or it fills up. */
  record Forming(Group group) implements Placement {}

  /** Its arrival filled the group, which starts sending now: assign every member. */
  record Started(Group group) implements Placement {}

  /** Into a group already sending: it takes the rest of the pass and repairs the start. */
  record LateJoin(Group group) implements Placement {}
}
