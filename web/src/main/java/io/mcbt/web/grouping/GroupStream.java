package io.mcbt.web.grouping;

import io.mcbt.grouping.application.GroupsChanged;
import io.mcbt.grouping.application.SignalGateway;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Pushes the active groups to every web page that listens ({@code /api/groups/stream}, server-sent
 * events) whenever they change, at most four times a second: a busy group reports progress far more
 * often than anyone can read it.
 */
@ApplicationScoped
public class GroupStream {
  private static final long COALESCE_MILLIS = 250;

  @Inject SignalGateway signalling;

  private final Jsonb json = JsonbBuilder.create();
  private final AtomicBoolean pending = new AtomicBoolean();
  private Sse sse;
  private SseBroadcaster broadcaster;

  /**
   * Looked up with the first listener rather than injected. In the EAR, a group change fired by the
   * EJB module's clock may create this bean, in the EJB module's naming context, where the web
   * module's resource references do not exist: on a full Payara Server the creation failed, and the
   * group change with it. A listener always comes through the web module.
   */
  private volatile ManagedScheduledExecutorService scheduler;

  synchronized void listen(SseEventSink sink, Sse context) {
    if (broadcaster == null) {
      sse = context;
      broadcaster = context.newBroadcaster();
      scheduler = lookUpScheduler();
    }
    broadcaster.register(sink);
    sink.send(snapshot());
  }

  void changed(@Observes GroupsChanged change) {
    ManagedScheduledExecutorService listening = scheduler;
    if (listening != null && pending.compareAndSet(false, true)) {
      listening.schedule(this::broadcast, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static ManagedScheduledExecutorService lookUpScheduler() {
    try {
      return InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
    } catch (NamingException e) {
      throw new IllegalStateException("no managed scheduler: " + e.getMessage(), e);
    }
  }

  private synchronized void broadcast() {
    pending.set(false);
    broadcaster.broadcast(snapshot());
  }

  private OutboundSseEvent snapshot() {
    long now = System.nanoTime();
    return sse.newEventBuilder()
        .name("groups")
        .mediaType(MediaType.TEXT_PLAIN_TYPE)
        .data(
            String.class,
            json.toJson(
                signalling.activeGroups().stream().map(g -> GroupViews.active(g, now)).toList()))
        .build();
  }
}
