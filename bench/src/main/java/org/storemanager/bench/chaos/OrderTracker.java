package org.storemanager.bench.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Follows the run's orders in MySQL (every order of the run's user, so also orders whose 201 was
 * lost): their saga state, and when each was first seen COMPLETED or CANCELLED. One small query
 * every {@value #POLL_MS} ms; while the database is down the polls fail and are retried, so an
 * order that ends then is seen when it is back.
 */
final class OrderTracker implements AutoCloseable {

  static final long POLL_MS = 250;

  private final ChaosConfig config;
  private final long userId;
  private final RunClock clock;
  private final LongConsumer onCompleted;
  private final Map<Long, String> states = new ConcurrentHashMap<>();
  private final Map<Long, Long> finalAt = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;
  private Connection connection;

  /** {@code onCompleted} is called once per order, on the tracker's thread, when it completes. */
  OrderTracker(ChaosConfig config, long userId, RunClock clock, LongConsumer onCompleted) {
    this.config = config;
    this.userId = userId;
    this.clock = clock;
    this.onCompleted = onCompleted;
    this.poller = new Thread(this::run, "chaos-orders");
    poller.setDaemon(true);
    poller.start();
  }

  Map<Long, String> states() {
    return Map.copyOf(states);
  }

  Map<Long, Long> finalAt() {
    return Map.copyOf(finalAt);
  }

  boolean allFinal(Collection<Long> ids) {
    return ids.stream().allMatch(finalAt::containsKey)
        && states.keySet().stream().allMatch(finalAt::containsKey);
  }

  /** The latest moment an order was first seen final, or null if none is. */
  Long lastFinal() {
    return finalAt.values().stream().max(Long::compare).orElse(null);
  }

  private void run() {
    while (running) {
      long next = System.nanoTime() + Duration.ofMillis(POLL_MS).toNanos();
      try {
        poll();
      } catch (SQLException | RuntimeException e) {
        closeConnection(); // the database went away: reconnect on the next poll
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    closeConnection();
  }

  private void poll() throws SQLException {
    if (connection == null) {
      connection =
          DriverManager.getConnection(config.storeJdbcUrl(), config.dbUser(), config.dbPassword());
    }
    try (PreparedStatement s =
        connection.prepareStatement("SELECT id, saga_state FROM orders WHERE user_id = ?")) {
      s.setQueryTimeout(10);
      s.setLong(1, userId);
      try (ResultSet r = s.executeQuery()) {
        long now = clock.now();
        while (r.next()) {
          long id = r.getLong(1);
          String state = r.getString(2);
          states.put(id, state);
          if (Invariants.isFinal(state) && finalAt.putIfAbsent(id, now) == null) {
            if (Invariants.COMPLETED.equals(state)) {
              onCompleted.accept(id);
            }
          }
        }
      }
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(15_000);
  }
}
