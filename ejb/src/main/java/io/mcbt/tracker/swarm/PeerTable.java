package io.mcbt.tracker.swarm;

import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.util.Arrays;

/**
 * The peers of one swarm: seeders and leechers in two {@link PeerColumns}, found by peer id through
 * an open-addressing index of primitive ints. A peer is named by a handle, {@code slot << 1 |
 * (seeder ? 1 : 0)}, which stays valid until the next change to the table.
 */
final class PeerTable {
  static final int NONE = -1;

  private final PeerColumns seeders = new PeerColumns();
  private final PeerColumns leechers = new PeerColumns();

  /** handle + 1 per used position, 0 for free; linear probing, at most half full. */
  private int[] index = new int[16];

  private int count;

  int seeders() {
    return seeders.size();
  }

  int leechers() {
    return leechers.size();
  }

  int size() {
    return count;
  }

  static boolean isSeeder(int handle) {
    return (handle & 1) == 1;
  }

  static int handle(boolean seeder, int slot) {
    return slot << 1 | (seeder ? 1 : 0);
  }

  int find(PeerId id) {
    byte[] bytes = id.bytes();
    int hash = id.hashCode();
    for (int at = home(hash); index[at] != 0; at = next(at)) {
      int handle = index[at] - 1;
      if (columns(handle).hasId(slot(handle), bytes, hash)) {
        return handle;
      }
    }
    return NONE;
  }

  int add(PeerId id, PeerEndpoint endpoint, long left, long nowNs, boolean standIn) {
    if (2 * (count + 1) > index.length) {
      rehash(index.length * 2);
    }
    boolean seeder = left == 0;
    int slot =
        (seeder ? seeders : leechers)
            .add(id.bytes(), id.hashCode(), endpoint, left, nowNs, standIn);
    int handle = handle(seeder, slot);
    insert(handle, id.hashCode());
    count++;
    return handle;
  }

  void remove(int handle) {
    PeerColumns columns = columns(handle);
    int slot = slot(handle);
    delete(handle, columns.hash(slot));
    count--;
    int movedFrom = columns.remove(slot);
    if (movedFrom >= 0) {
      replace(handle(isSeeder(handle), movedFrom), handle, columns.hash(slot));
    }
  }

  /** Records an announce of a known peer; returns its handle, new if it changed list. */
  int update(int handle, PeerEndpoint endpoint, long left, long nowNs) {
    PeerColumns columns = columns(handle);
    int slot = slot(handle);
    if ((left == 0) == isSeeder(handle)) {
      columns.setLeft(slot, left);
      columns.setEndpoint(slot, endpoint);
      columns.touch(slot, nowNs);
      return handle;
    }
    PeerId id = columns.id(slot);
    boolean standIn = columns.isRegistered(slot);
    remove(handle);
    return add(id, endpoint, left, nowNs, standIn);
  }

  /** Handles of peers not heard from since their maximum age, stand-ins by their own age. */
  int[] stale(long nowNs, long maxAgeNs, long standInMaxAgeNs) {
    int[] stale = new int[count];
    int found = 0;
    for (boolean seeder : new boolean[] {true, false}) {
      PeerColumns columns = seeder ? seeders : leechers;
      for (int slot = 0; slot < columns.size(); slot++) {
        long maxAge = columns.isRegistered(slot) ? standInMaxAgeNs : maxAgeNs;
        if (nowNs - columns.lastSeenNs(slot) > maxAge) {
          stale[found++] = handle(seeder, slot);
        }
      }
    }
    return Arrays.copyOf(stale, found);
  }

  void trimIfSparse() {
    seeders.trimIfSparse();
    leechers.trimIfSparse();
    if (index.length > 64 && 8 * count < index.length) {
      rehash(Integer.highestOneBit(Math.max(32, 4 * count)) * 2);
    }
  }

  PeerId id(int handle) {
    return columns(handle).id(slot(handle));
  }

  PeerEndpoint endpoint(int handle) {
    return columns(handle).endpoint(slot(handle));
  }

  boolean isRegistered(int handle) {
    return columns(handle).isRegistered(slot(handle));
  }

  void touch(int handle, long nowNs) {
    columns(handle).touch(slot(handle), nowNs);
  }

  /** Whether a peer that announced itself (not a stand-in) is at this address and port. */
  boolean hasAnnouncedPeerAt(PeerEndpoint endpoint) {
    byte[] address = endpoint.address();
    for (PeerColumns columns : new PeerColumns[] {seeders, leechers}) {
      for (int slot = 0; slot < columns.size(); slot++) {
        if (!columns.isRegistered(slot) && columns.hasEndpoint(slot, address, endpoint.port())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a peer that announced itself is at this address, heard from at or after sinceNs. */
  boolean hasAnnouncedFrom(byte[] address, long sinceNs) {
    for (PeerColumns columns : new PeerColumns[] {seeders, leechers}) {
      for (int slot = 0; slot < columns.size(); slot++) {
        if (!columns.isRegistered(slot)
            && columns.lastSeenNs(slot) - sinceNs >= 0
            && columns.hasAddress(slot, address)) {
          return true;
        }
      }
    }
    return false;
  }

  private PeerColumns columns(int handle) {
    return isSeeder(handle) ? seeders : leechers;
  }

  private static int slot(int handle) {
    return handle >>> 1;
  }

  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> 7 & (index.length - 1);
  }

  private int next(int at) {
    return (at + 1) & (index.length - 1);
  }

  private void insert(int handle, int hash) {
    int at = home(hash);
    while (index[at] != 0) {
      at = next(at);
    }
    index[at] = handle + 1;
  }

  private int positionOf(int handle, int hash) {
    int at = home(hash);
    while (index[at] != handle + 1) {
      at = next(at);
    }
    return at;
  }

  private void replace(int oldHandle, int newHandle, int hash) {
    index[positionOf(oldHandle, hash)] = newHandle + 1;
  }

  /** Removes an entry and shifts later ones of the same run back, so no tombstones are needed. */
  private void delete(int handle, int hash) {
    int hole = positionOf(handle, hash);
    int at = hole;
    while (true) {
      at = next(at);
      if (index[at] == 0) {
        break;
      }
      int entry = index[at] - 1;
      int home = home(columns(entry).hash(slot(entry)));
      boolean movable = hole <= at ? (home <= hole || home > at) : (home <= hole && home > at);
      if (movable) {
        index[hole] = index[at];
        hole = at;
      }
    }
    index[hole] = 0;
  }

  private void rehash(int capacity) {
    int[] old = index;
    index = new int[capacity];
    for (int entry : old) {
      if (entry != 0) {
        int handle = entry - 1;
        insert(handle, columns(handle).hash(slot(handle)));
      }
    }
  }
}
