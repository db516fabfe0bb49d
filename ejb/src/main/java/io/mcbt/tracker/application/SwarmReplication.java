package io.mcbt.tracker.application;

import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.mcbt.platform.Grid;
import io.mcbt.tracker.AnnounceRequest;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the swarms of every instance of a cluster alike: each instance answers its announces from
 * its own memory (as fast as a single tracker) and tells the others what it recorded, in batches
 * over a data-grid topic, every {@value #FLUSH_MILLIS} ms. Registrations from the index travel the
 * same way. A peer announcing to one instance is thus in the replies of every other within about
 * that time.
 *
 * <p>Why not a distributed map of peers: an announce would then cost a network round trip and a
 * query across the cluster, where now it costs a queue insertion.
 */
@ApplicationScoped
public class SwarmReplication {
  static final int FLUSH_MILLIS = 50;
  private static final Logger LOG = Logger.getLogger(SwarmReplication.class.getName());
  private static final String ANNOUNCES = "mcbt.tracker.announces";
  private static final String REGISTRATIONS = "mcbt.tracker.registrations";

  @Inject Grid grid;
  @Inject SwarmService swarms;
  @Resource ManagedScheduledExecutorService scheduler;

  private final Queue<AnnounceRequest> pending = new ConcurrentLinkedQueue<>();
  private volatile boolean running;
  private ScheduledFuture<?> flushes;
  private ITopic<byte[]> announces;
  private ITopic<String> registrations;

  /** Joins the cluster's topics; does nothing on a single instance. */
  synchronized void start() {
    if (running || !grid.clustered()) {
      return;
    }
    announces = grid.hazelcast().getTopic(ANNOUNCES);
    registrations = grid.hazelcast().getTopic(REGISTRATIONS);
    announces.addMessageListener(this::received);
    registrations.addMessageListener(this::registered);
    flushes =
        scheduler.scheduleWithFixedDelay(
            this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    running = true;
  }

  synchronized void stop() {
    running = false;
    if (flushes != null) {
      flushes.cancel(false);
    }
  }

  /** An announce this instance answered. */
  void answered(AnnounceRequest announce) {
    if (running) {
      pending.add(announce);
    }
  }

  /** A registration this instance recorded. */
  void registered(SeederRegistration registration) {
    if (running) {
      registrations.publish(RegistrationJson.write(registration));
    }
  }

  private void flush() {
    try {
      while (!pending.isEmpty()) {
        List<AnnounceRequest> batch = new ArrayList<>();
        AnnounceRequest next;
        while (batch.size() < AnnounceBatch.MAX_ENTRIES && (next = pending.poll()) != null) {
          batch.add(next);
        }
        announces.publish(AnnounceBatch.encode(batch));
      }
    } catch (RuntimeException e) {
      // The grid may be shutting down or re-forming; peers announce again anyway.
      LOG.log(Level.WARNING, "Could not replicate announces: " + e, e);
    }
  }

  private void received(Message<byte[]> message) {
    if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
      return;
    }
    try {
      long now = System.nanoTime();
      AnnounceBatch.decode(message.getMessageObject()).forEach(a -> swarms.replay(a, now));
    } catch (IllegalArgumentException e) {
      LOG.warning(
          "Dropped a malformed announce batch from "
              + message.getPublishingMember()
              + ": "
              + e.getMessage());
    }
  }

  private void registered(Message<String> message) {
    if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
      return;
    }
    try (var reader = Json.createReader(new StringReader(message.getMessageObject()))) {
      swarms.apply(RegistrationJson.read(reader.readObject()));
    } catch (RuntimeException e) {
      LOG.warning(
          "Dropped a malformed registration from " + message.getPublishingMember() + ": " + e);
    }
  }
}
