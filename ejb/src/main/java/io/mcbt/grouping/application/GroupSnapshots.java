package io.mcbt.grouping.application;

import com.hazelcast.map.IMap;
import io.mcbt.grouping.Group;
import io.mcbt.platform.Grid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The coordinator's groups, copied into a data-grid map after every change (at most once per tick),
 * so that the instance taking coordination over goes on with them, and the other instances can show
 * them.
 */
@ApplicationScoped
public class GroupSnapshots {
  private static final Logger LOG = Logger.getLogger(GroupSnapshots.class.getName());
  private static final String MAP = "mcbt.grouping.groups";

  @Inject Grid grid;

  private volatile boolean changed = true;
  private Set<String> written = new HashSet<>();

  void onChange(@Observes GroupsChanged event) {
    changed = true;
  }

  /** Writes the groups if they changed since the last call, and drops the ones that ended. */
  synchronized void writeIfChanged(List<Group> groups) {
    if (!changed) {
      return;
    }
    changed = false;
    long nowNs = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    Map<String, String> snapshots = new HashMap<>();
    for (Group group : groups) {
      snapshots.put(Long.toString(group.sessionId()), GroupSnapshot.write(group, nowNs, nowMillis));
    }
    IMap<String, String> map = groups();
    map.putAll(snapshots);
    for (String ended : written) {
      if (!snapshots.containsKey(ended)) {
        map.delete(ended);
      }
    }
    written = new HashSet<>(snapshots.keySet());
  }

  /** The groups as the coordinator last wrote them. */
  List<Group> read() {
    long nowNs = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    List<Group> groups = new ArrayList<>();
    for (String snapshot : groups().values()) {
      try {
        groups.add(GroupSnapshot.read(snapshot, nowNs, nowMillis));
      } catch (IllegalArgumentException e) {
        LOG.warning("Skipped a group snapshot: " + e.getMessage());
      }
    }
    return groups;
  }

  /** After a takeover: what this instance writes next replaces everything there. */
  synchronized void takenOver() {
    written = new HashSet<>(groups().keySet());
    changed = true;
  }

  private IMap<String, String> groups() {
    return grid.hazelcast().getMap(MAP);
  }
}
