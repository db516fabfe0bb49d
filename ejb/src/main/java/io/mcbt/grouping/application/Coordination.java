package io.mcbt.grouping.application;

import io.mcbt.grouping.Group;
import io.mcbt.platform.Grid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Which instance runs the groups, and the hand-over when it goes away. The coordinator is the
 * cluster's oldest member; when it dies the next oldest takes its peers from the {@link
 * PeerRegistry} and its groups from the {@link GroupSnapshots}, and the groups go on. Peers of a
 * dead instance reconnect to another one; those that have not after {@link #RECONNECT_GRACE_NS}
 * have left.
 */
@ApplicationScoped
public class Coordination {
  static final long RECONNECT_GRACE_NS = 30_000_000_000L;
  private static final Logger LOG = Logger.getLogger(Coordination.class.getName());

  @Inject Grid grid;
  @Inject Signalling signalling;
  @Inject PeerRegistry registry;
  @Inject GroupSnapshots snapshots;
  @Inject AddressClaims addressClaims;

  private volatile boolean coordinating;
  private Set<String> knownMembers = Set.of();

  /** Peers whose instance died, and when they count as gone unless they reconnected. */
  private final Map<String, Long> orphans = new HashMap<>();

  /** Whether this instance runs the groups now. */
  boolean coordinating() {
    return coordinating || !grid.clustered();
  }

  /** Runs the groups' timers on the coordinator; called every 100 ms on every instance. */
  synchronized void tick() {
    if (!grid.clustered()) {
      signalling.tick();
      return;
    }
    if (!grid.coordinates()) {
      coordinating = false;
      return;
    }
    if (!coordinating) {
      takeOver();
      coordinating = true;
    }
    long now = System.nanoTime();
    signalling.tick();
    reapOrphans(now);
    snapshots.writeIfChanged(signalling.activeGroups());
  }

  List<Group> activeGroups() {
    return coordinating() ? signalling.activeGroups() : snapshots.read();
  }

  private void takeOver() {
    List<PeerRegistry.Entry> peers = registry.all();
    List<Group> groups = snapshots.read();
    signalling.adopt(peers.stream().map(PeerRegistry.Entry::peer).toList(), groups);
    addressClaims.retainOnly(
        groups.stream().map(group -> group.address().pair()).collect(Collectors.toSet()));
    snapshots.takenOver();
    knownMembers = Set.of();
    signalling.offerCandidatesToWaiting();
    LOG.info(
        () ->
            String.format(
                "Coordinating the cluster's groups (members %s): %d groups and %d peers taken over",
                grid.memberIds(), groups.size(), peers.size()));
  }

  private void reapOrphans(long nowNs) {
    Set<String> members = grid.memberIds();
    if (!members.equals(knownMembers)) {
      knownMembers = members;
      for (PeerRegistry.Entry entry : registry.all()) {
        if (!members.contains(entry.instance())) {
          orphans.putIfAbsent(entry.peer().peerId(), nowNs + RECONNECT_GRACE_NS);
        }
      }
    }
    orphans
        .entrySet()
        .removeIf(
            orphan -> {
              if (nowNs < orphan.getValue()) {
                return false;
              }
              String peerId = orphan.getKey();
              Optional<String> holder = registry.instanceOf(peerId);
              if (holder.isEmpty() || !members.contains(holder.get())) {
                LOG.info(() -> "Peer " + peerId + " did not reconnect after its instance left");
                registry.forget(peerId);
                signalling.left(peerId);
              }
              return true;
            });
  }
}
