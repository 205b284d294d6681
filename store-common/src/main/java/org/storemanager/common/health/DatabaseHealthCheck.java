package org.storemanager.common.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.storemanager.common.persistence.DatabaseMigrations;

/**
 * Ready and live only when the schema is migrated and the database answers a round-trip within 2 s.
 * Both probes check it (see docs/architecture.md, "Health"): orchestrators should route on
 * /health/ready and be patient with /health/live during a database outage.
 */
@Readiness
@Liveness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  @Resource(lookup = "jdbc/serviceDS")
  DataSource dataSource;

  @Inject DatabaseMigrations migrations;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    if (!migrations.isMigrated()) {
      return response.down().withData("reason", "schema migration not finished").build();
    }
    try (Connection connection = dataSource.getConnection()) {
      return response.status(connection.isValid(2)).build();
    } catch (Exception e) {
      return response.down().withData("reason", String.valueOf(e.getMessage())).build();
    }
  }
}
