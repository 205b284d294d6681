package org.storemanager.common.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the service's database schema to the latest version before anything else runs. Each WAR
 * ships its versioned SQL scripts under {@code db/migration} (Flyway's naming: {@code
 * V1__schema.sql}, {@code V2__...}, plus the empty marker file {@code flyway.location}); both
 * services look their own database up as {@code jdbc/serviceDS}. Several instances starting
 * together are safe: Flyway takes a database lock.
 */
@Startup
@Singleton
public class DatabaseMigrations {

  private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

  @Resource(lookup = "jdbc/serviceDS")
  private DataSource dataSource;

  private volatile boolean migrated;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // DDL manages its own commits
  void migrate() {
    Flyway flyway =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            // On Liberty, Flyway finds a classpath folder through a marker file in it:
            // db/migration/flyway.location (empty). No callback scripts: no db/callback lookup.
            .locations("classpath:db/migration")
            .callbackLocations(new String[0])
            .load();
    MigrateResult result = flyway.migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + (flyway.info().current() == null ? "none" : flyway.info().current().getVersion())
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
    migrated = true;
  }

  /** True once the schema is current: the readiness check waits for it. */
  public boolean isMigrated() {
    return migrated;
  }
}
