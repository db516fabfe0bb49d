package io.mcbt.grouping.application;

/** Some group formed, changed or ended: views of the active groups are stale. */
public record GroupsChanged() {}
