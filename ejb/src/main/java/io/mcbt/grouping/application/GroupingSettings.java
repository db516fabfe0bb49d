package io.mcbt.grouping.application;

import io.mcbt.grouping.AddressPool;
import io.mcbt.grouping.GroupFormation;
import io.mcbt.grouping.RttBands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How groups form, from MicroProfile Config (e.g. {@code MCBT_GROUPS_FORMATION_WINDOW_MS}). */
@ApplicationScoped
public class GroupingSettings {
  private static final long MS = 1_000_000;

  @Inject
  @ConfigProperty(name = "mcbt.groups.formation-window-ms", defaultValue = "2000")
  long formationWindowMs;

  @Inject
  @ConfigProperty(name = "mcbt.groups.max-members", defaultValue = "64")
  int maxMembers;

  /** Upper bounds of the RTT bands in milliseconds; a last, open band follows. */
  @Inject
  @ConfigProperty(
      name = "mcbt.groups.rtt-bands-ms",
      defaultValue = "1,2,4,8,16,32,64,128,256,512,1024")
  String rttBandsMs;

  /** Bands below this one are the local network: multicast TTL 1. */
  @Inject
  @ConfigProperty(name = "mcbt.groups.lan-bands", defaultValue = "3")
  int lanBands;

  @Inject
  @ConfigProperty(name = "mcbt.groups.wan-ttl", defaultValue = "16")
  int wanTtl;

  /** Administratively scoped IPv4 multicast (RFC 2365), organisation-local by default. */
  @Inject
  @ConfigProperty(name = "mcbt.groups.address-range", defaultValue = "239.192.0.0/16")
  String addressRange;

  @Inject
  @ConfigProperty(name = "mcbt.groups.ports", defaultValue = "40000-40999")
  String ports;

  @Inject
  @ConfigProperty(name = "mcbt.groups.deadline-minutes", defaultValue = "360")
  long deadlineMinutes;

  /** The most a sender may send to a group, in bits per second. */
  @Inject
  @ConfigProperty(name = "mcbt.groups.rate-ceiling-bps", defaultValue = "1000000000")
  long rateCeilingBitsPerSecond;

  /**
   * Take a WebSocket hello only from an address that announced (HTTP or UDP) every torrent the
   * hello names within the last two intervals: only peers of a swarm learn its members' addresses
   * and group keys. Off for peers whose WebSocket and announces come from different addresses.
   */
  @Inject
  @ConfigProperty(name = "mcbt.groups.require-announce", defaultValue = "true")
  boolean requireAnnounce;

  public boolean requireAnnounce() {
    return requireAnnounce;
  }

  public GroupFormation.Settings formation() {
    return new GroupFormation.Settings(
        RttBands.parse(rttBandsMs),
        formationWindowMs * MS,
        Math.max(1, maxMembers),
        lanBands,
        1,
        Math.max(1, Math.min(255, wanTtl)),
        Math.max(1, deadlineMinutes) * 60_000 * MS);
  }

  public AddressPool addressPool() {
    return new AddressPool(addressRange, ports);
  }

  public long rateCeilingBitsPerSecond() {
    return rateCeilingBitsPerSecond;
  }
}
