package io.mcbt.tracker.swarm;

import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.util.Arrays;

/**
 * One list of peers (the seeders or the leechers of a swarm) as parallel arrays of primitives,
 * dense in {@code [0, size)}. A tracker keeps millions of peers for hours: as objects they cost
 * about six allocations each, which the garbage collector copies and scans at every pause; as
 * columns they cost none.
 */
final class PeerColumns {
  private static final int ID = PeerId.LENGTH;
  private static final int ADDRESS = 16;

  private int size;
  private byte[] ids = new byte[8 * ID];
  private int[] hashes = new int[8];
  private byte[] addresses = new byte[8 * ADDRESS];
  private byte[] addressLengths = new byte[8];
  private int[] ports = new int[8];
  private long[] left = new long[8];
  private long[] lastSeenNs = new long[8];
  private boolean[] registered = new boolean[8];

  int size() {
    return size;
  }

  /** Appends a peer; returns its slot. */
  int add(byte[] id, int hash, PeerEndpoint endpoint, long bytesLeft, long nowNs, boolean standIn) {
    if (size == hashes.length) {
      grow();
    }
    int slot = size++;
    System.arraycopy(id, 0, ids, slot * ID, ID);
    hashes[slot] = hash;
    setEndpoint(slot, endpoint);
    left[slot] = bytesLeft;
    lastSeenNs[slot] = nowNs;
    registered[slot] = standIn;
    return slot;
  }

  /**
   * Removes {@code slot} by moving the last peer into it.
   *
   * @return the slot the moved peer came from, or -1 if none moved
   */
  int remove(int slot) {
    int last = --size;
    if (slot == last) {
      return -1;
    }
    System.arraycopy(ids, last * ID, ids, slot * ID, ID);
    System.arraycopy(addresses, last * ADDRESS, addresses, slot * ADDRESS, ADDRESS);
    hashes[slot] = hashes[last];
    addressLengths[slot] = addressLengths[last];
    ports[slot] = ports[last];
    left[slot] = left[last];
    lastSeenNs[slot] = lastSeenNs[last];
    registered[slot] = registered[last];
    return last;
  }

  boolean hasId(int slot, byte[] id, int hash) {
    return hashes[slot] == hash && Arrays.equals(ids, slot * ID, slot * ID + ID, id, 0, ID);
  }

  int hash(int slot) {
    return hashes[slot];
  }

  PeerId id(int slot) {
    return new PeerId(Arrays.copyOfRange(ids, slot * ID, slot * ID + ID));
  }

  PeerEndpoint endpoint(int slot) {
    int from = slot * ADDRESS;
    return new PeerEndpoint(
        Arrays.copyOfRange(addresses, from, from + addressLengths[slot]), ports[slot]);
  }

  boolean hasEndpoint(int slot, byte[] address, int port) {
    int from = slot * ADDRESS;
    return ports[slot] == port
        && addressLengths[slot] == address.length
        && Arrays.equals(addresses, from, from + address.length, address, 0, address.length);
  }

  boolean hasAddress(int slot, byte[] address) {
    int from = slot * ADDRESS;
    return addressLengths[slot] == address.length
        && Arrays.equals(addresses, from, from + address.length, address, 0, address.length);
  }

  void setEndpoint(int slot, PeerEndpoint endpoint) {
    byte[] address = endpoint.address();
    System.arraycopy(address, 0, addresses, slot * ADDRESS, address.length);
    addressLengths[slot] = (byte) address.length;
    ports[slot] = endpoint.port();
  }

  long left(int slot) {
    return left[slot];
  }

  void setLeft(int slot, long bytesLeft) {
    left[slot] = bytesLeft;
  }

  long lastSeenNs(int slot) {
    return lastSeenNs[slot];
  }

  void touch(int slot, long nowNs) {
    lastSeenNs[slot] = nowNs;
  }

  boolean isRegistered(int slot) {
    return registered[slot];
  }

  /**
   * Gives memory back after a swarm shrank to a quarter of its room (at expiry, not per announce).
   */
  void trimIfSparse() {
    if (hashes.length > 64 && size < hashes.length / 4) {
      resize(Math.max(64, hashes.length / 2));
    }
  }

  private void grow() {
    resize(hashes.length * 2);
  }

  private void resize(int capacity) {
    ids = Arrays.copyOf(ids, capacity * ID);
    hashes = Arrays.copyOf(hashes, capacity);
    addresses = Arrays.copyOf(addresses, capacity * ADDRESS);
    addressLengths = Arrays.copyOf(addressLengths, capacity);
    ports = Arrays.copyOf(ports, capacity);
    left = Arrays.copyOf(left, capacity);
    lastSeenNs = Arrays.copyOf(lastSeenNs, capacity);
    registered = Arrays.copyOf(registered, capacity);
  }
}
