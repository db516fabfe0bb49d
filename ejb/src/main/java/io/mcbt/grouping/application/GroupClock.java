package io.mcbt.grouping.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ticks the grouping service every 100 ms, so that a group starts within a tenth of a second of its
 * formation window (EJB timers tick by the second at best).
 */
@Singleton
@Startup
public class GroupClock {
  private static final Logger LOG = Logger.getLogger(GroupClock.class.getName());

  @Inject Coordination coordination;
  @Inject SignalGateway gateway;
  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> ticks;

  @PostConstruct
  void start() {
    gateway.start();
    ticks = scheduler.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      coordination.tick();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Group timer: " + e, e);
    }
  }

  @PreDestroy
  void stop() {
    if (ticks != null) {
      ticks.cancel(false);
    }
  }
}
