package io.mcbt.platform;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Payara's Hazelcast data grid, when the server runs with it (clustered Payara Micro, or a full
 * Payara Server). Instances of one cluster share swarms and groups through it; without it the
 * server keeps everything in its own memory, as a single instance should.
 */
@ApplicationScoped
public class Grid {
  private static final Logger LOG = Logger.getLogger(Grid.class.getName());

  @Inject Instance<HazelcastInstance> provided;

  private HazelcastInstance hazelcast;

  @PostConstruct
  void find() {
    try {
      if (provided.isResolvable()) {
        HazelcastInstance candidate = provided.get();
        if (candidate != null && candidate.getLifecycleService().isRunning()) {
          hazelcast = candidate;
        }
      }
    } catch (RuntimeException e) {
      // Payara started with --nohazelcast: its producer has no instance to give.
      LOG.fine(() -> "No data grid: " + e);
    }
    LOG.info(
        () ->
            hazelcast == null
                ? "Cluster: none (single instance; state in memory)"
                : "Cluster: data grid "
                    + hazelcast.getConfig().getClusterName()
                    + ", members "
                    + memberIds());
  }

  public boolean clustered() {
    return hazelcast != null;
  }

  /** The data grid; call only when {@link #clustered()}. */
  public HazelcastInstance hazelcast() {
    if (hazelcast == null) {
      throw new IllegalStateException("no data grid: the server runs as a single instance");
    }
    return hazelcast;
  }

  /** This instance's id in the cluster ("local" when there is none). */
  public String localMemberId() {
    return hazelcast == null
        ? "local"
        : hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  public Set<String> memberIds() {
    if (hazelcast == null) {
      return Set.of("local");
    }
    return hazelcast.getCluster().getMembers().stream()
        .map(member -> member.getUuid().toString())
        .collect(Collectors.toSet());
  }

  /**
   * Whether this instance is the cluster's coordinator: the oldest member, which every member sees
   * alike, so exactly one instance forms and runs groups at a time.
   */
  public boolean coordinates() {
    if (hazelcast == null) {
      return true;
    }
    Iterator<Member> members = hazelcast.getCluster().getMembers().iterator();
    return members.hasNext() && members.next().localMember();
  }

  /** The coordinator's member id, for logs and the operations view. */
  public Optional<String> coordinatorId() {
    if (hazelcast == null) {
      return Optional.of("local");
    }
    return hazelcast.getCluster().getMembers().stream()
        .findFirst()
        .map(member -> member.getUuid().toString());
  }
}
