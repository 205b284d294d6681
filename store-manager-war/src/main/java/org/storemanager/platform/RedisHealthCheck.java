package org.storemanager.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready and live only when Redis answers PING: the read models (orders, stock, reports) live there.
 */
@Readiness
@Liveness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

  @Inject RedisConnection redis;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("redis");
    try {
      return response.status("PONG".equals(redis.commands().ping())).build();
    } catch (RuntimeException e) {
      return response.down().withData("reason", String.valueOf(e.getMessage())).build();
    }
  }
}
