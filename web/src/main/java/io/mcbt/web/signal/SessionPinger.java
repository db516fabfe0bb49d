package io.mcbt.web.signal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Pings every connected peer every ten seconds: keeps the connections alive and the RTTs fresh. */
@Singleton
@Startup
public class SessionPinger {
  @Inject PeerSessions sessions;
  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> pings;

  @PostConstruct
  void start() {
    pings = scheduler.scheduleWithFixedDelay(sessions::pingAll, 10, 10, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (pings != null) {
      pings.cancel(false);
    }
  }
}
