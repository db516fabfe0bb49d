package io.mcbt.grouping.application;

import com.hazelcast.map.IMap;
import io.mcbt.grouping.AddressPool;
import io.mcbt.platform.Grid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The multicast address and port pairs taken across a cluster, in a data-grid map: taking one is an
 * atomic put-if-absent, so no pair ever goes to two live groups, whichever instance forms them. On
 * a single instance the pool's own memory is enough.
 */
@ApplicationScoped
public class AddressClaims implements AddressPool.Claims {
  private static final String MAP = "mcbt.grouping.addresses";

  @Inject Grid grid;

  @Override
  public boolean claim(String pair) {
    if (!grid.clustered()) {
      return true;
    }
    String holder = claims().putIfAbsent(pair, grid.localMemberId());
    return holder == null || holder.equals(grid.localMemberId());
  }

  @Override
  public void release(String pair) {
    if (grid.clustered()) {
      claims().remove(pair);
    }
  }

  /** Takes over every claim of a live group; drops claims no live group holds any more. */
  void retainOnly(Set<String> livePairs) {
    if (!grid.clustered()) {
      return;
    }
    IMap<String, String> claims = claims();
    for (String pair : Set.copyOf(claims.keySet())) {
      if (!livePairs.contains(pair)) {
        claims.remove(pair);
      }
    }
    livePairs.forEach(pair -> claims.put(pair, grid.localMemberId()));
  }

  private IMap<String, String> claims() {
    return grid.hazelcast().getMap(MAP);
  }
}
