package io.mcbt.web.operations;

import io.mcbt.platform.MongoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the store answers: without it, nothing can be published or registered. */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {
  @Inject MongoStore store;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("store").status(store.answers()).build();
  }
}
