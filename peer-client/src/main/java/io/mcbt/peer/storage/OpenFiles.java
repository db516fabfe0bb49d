package io.mcbt.peer.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open files of a torrent, at most {@code maxOpen} at a time, least recently used closed first.
 * A torrent may have thousands of files while a process may only have so many descriptors.
 *
 * <p>Callers lease a channel for one positional read or write. Several threads may use one channel
 * at once, and a channel is closed only when no lease holds it, so eviction never pulls a channel
 * from under a reader. When every open channel is leased, the limit is exceeded for that moment
 * rather than making a thread wait.
 */
final class OpenFiles implements Closeable {
  /** Opens file number {@code file}; throws {@link StorageException} on failure. */
  interface Opener {
    FileChannel open(int file, boolean write);
  }

  /** One use of an open channel; closing it releases the channel, not the file. */
  final class Lease implements AutoCloseable {
    private final Entry entry;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    FileChannel channel() {
      return entry.channel;
    }

    @Override
    public void close() {
      release(entry);
    }
  }

  private static final class Entry {
    final FileChannel channel;
    final boolean writable;
    int leases;
    boolean retired;

    Entry(FileChannel channel, boolean writable) {
      this.channel = channel;
      this.writable = writable;
    }
  }

  private final int maxOpen;
  private final Opener opener;
  private final Map<Integer, Entry> open = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  OpenFiles(int maxOpen, Opener opener) {
    if (maxOpen < 1) {
      throw new IllegalArgumentException("at least one open file");
    }
    this.maxOpen = maxOpen;
    this.opener = opener;
  }

  /**
   * A channel on file number {@code file}, opened if needed.
   *
   * @param write whether the caller will write; a channel opened only to read is then reopened
   */
  synchronized Lease lease(int file, boolean write) {
    if (closed) {
      throw new IllegalStateException("the piece store is closed");
    }
    Entry entry = open.get(file);
    // A channel closes itself when a thread using it is interrupted; it is replaced, not reused.
    if (entry != null && (!entry.channel.isOpen() || (write && !entry.writable))) {
      open.remove(file);
      retire(entry);
      entry = null;
    }
    if (entry == null) {
      entry = new Entry(opener.open(file, write), write);
      open.put(file, entry);
    }
    entry.leases++; // before evicting, so the channel just asked for is never the one closed
    evictBeyondLimit();
    return new Lease(entry);
  }

  /** How many channels are open now, for tests and diagnostics. */
  synchronized int openCount() {
    return open.size();
  }

  private void evictBeyondLimit() {
    Iterator<Entry> eldestFirst = open.values().iterator();
    while (open.size() > maxOpen && eldestFirst.hasNext()) {
      Entry entry = eldestFirst.next();
      if (entry.leases == 0) {
        eldestFirst.remove();
        retire(entry);
      }
    }
  }

  private synchronized void release(Entry entry) {
    entry.leases--;
    if (entry.retired && entry.leases == 0) {
      closeQuietly(entry.channel);
    }
  }

  private void retire(Entry entry) {
    entry.retired = true;
    if (entry.leases == 0) {
      closeQuietly(entry.channel);
    }
  }

  /** Closes every channel; leases still held fail their next read or write. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    List<IOException> failures = new ArrayList<>();
    for (Entry entry : open.values()) {
      try {
        entry.channel.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    open.clear();
    if (!failures.isEmpty()) {
      IOException failure = failures.get(0);
      failures.subList(1, failures.size()).forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing flushes nothing: every write through this channel has already returned, with its
      // own error if it failed. An error here has no caller left to act on it.
    }
  }
}
