package org.storemanager.readmodel;

import io.lettuce.core.RedisException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.storemanager.platform.RedisConnection;
import org.storemanager.platform.RedisPipeline;

/**
 * Owns the consistency of the Redis read models with MySQL.
 *
 * <ul>
 *   <li>At start-up, and every {@code readmodel.check.seconds}, it rebuilds them from MySQL if the
 *       marker key {@value #BUILT_MARKER} is missing (Redis flushed or restarted empty), if an
 *       update failed since the last build ("dirty"), or if Redis restarted (its {@code run_id}
 *       changed): a Redis that reloaded a snapshot has the marker, but not the writes made after
 *       the snapshot.
 *   <li>Readers that need a complete model (reports, low-stock queries) call {@link #ensureBuilt()}
 *       and get the same rebuild synchronously.
 * </ul>
 *
 * A rebuild replaces every key from a fresh read of MySQL; one rebuild runs at a time. The read
 * models are every {@link RebuildableReadModel} bean (stock, orders, sales reports): this class
 * does not name them, so they depend on it and it depends on none of them.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReadModelMaintenance {

  /** Present (with the build time) while the read models are complete. */
  public static final String BUILT_MARKER = "readmodel:built-at";

  private static final Logger LOG = Logger.getLogger(ReadModelMaintenance.class.getName());

  @Inject RedisConnection redis;
  @Inject Instance<RebuildableReadModel> readModels;
  @Inject MetricRegistry metrics;

  @Inject
  @ConfigProperty(name = "readmodel.check.seconds")
  long checkSeconds;

  @Resource TimerService timers;

  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private volatile String redisRunId;
  private final ReentrantLock rebuilding = new ReentrantLock();

  /**
   * The first check runs on the timer, just after the application started, not here: a rebuild
   * needs the application-scoped read models, and a saga handler may be creating one of them at
   * this moment while it waits for this singleton to be ready (a start-up deadlock, seen when an
   * instance restarted under load).
   */
  @PostConstruct
  void start() {
    long interval = checkSeconds * 1000;
    timers.createIntervalTimer(100, interval, new TimerConfig("read-model check", false));
  }

  @Timeout
  void check() {
    try {
      String runId = redisRunId();
      if (redisRunId != null && !redisRunId.equals(runId) && dirty.compareAndSet(false, true)) {
        LOG.warning("Redis restarted (run_id changed): the read models are rebuilt");
      }
      redisRunId = runId;
      ensureBuilt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Read models not rebuilt (will retry): " + e.getMessage());
    }
  }

  /** Rebuilds the read models now if they are dirty or missing; returns at once otherwise. */
  public void ensureBuilt() {
    if (!dirty.get() && redis.commands().exists(BUILT_MARKER) == 1) {
      return;
    }
    rebuilding.lock();
    try {
      boolean missing = redis.commands().exists(BUILT_MARKER) == 0;
      if (dirty.get() || missing) {
        rebuild(missing ? "marker missing" : "an update failed");
      }
    } finally {
      rebuilding.unlock();
    }
  }

  /** The id Redis draws at each start ({@code INFO server}). */
  private String redisRunId() {
    for (String line : redis.commands().info("server").split("\r?\n")) {
      if (line.startsWith("run_id:")) {
        return line.substring("run_id:".length()).strip();
      }
    }
    return "";
  }

  /** Called when a read-model write failed: the next check rebuilds everything. */
  public void markDirty(String what, RedisException cause) {
    if (dirty.compareAndSet(false, true)) {
      LOG.warning("Read models marked dirty (" + what + "): " + cause.getMessage());
    }
  }

  private void rebuild(String reason) {
    long start = System.nanoTime();
    dirty.set(false); // a failure during or after the rebuild sets it again
    try {
      redis.commands().del(BUILT_MARKER);
      try (RedisPipeline pipeline = new RedisPipeline(redis.openDedicated())) {
        List<String> rebuilt = new ArrayList<>();
        for (RebuildableReadModel readModel : readModels) {
          rebuilt.add(readModel.rebuild(pipeline));
        }
        pipeline.send(c -> c.set(BUILT_MARKER, Instant.now().toString()));
        metrics
            .counter(
                Metadata.builder()
                    .withName("read_model_rebuilds")
                    .withDescription("Rebuilds of the Redis read models from MySQL")
                    .build())
            .inc();
        LOG.info(
            String.format(
                "Read models rebuilt from MySQL (%s): %s in %d ms",
                reason, String.join(", ", rebuilt), (System.nanoTime() - start) / 1_000_000));
      }
    } catch (RuntimeException e) {
      dirty.set(true);
      throw e;
    }
  }
}
