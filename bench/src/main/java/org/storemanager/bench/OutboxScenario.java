package org.storemanager.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 4: a burst in the outbox. {@code n} new orders and their {@code OrderCreated} events are
 * committed in one transaction, exactly as {@code POST /orders} writes them but all at once; the
 * relay finds them at its next timer tick. Measured: how fast the relay publishes them (pending
 * rows counted every 10 ms), and how fast the whole saga machinery then works the backlog off.
 */
final class OutboxScenario {

  /** The figures of one burst. */
  record Result(
      int rows,
      Duration untilFirstSent,
      Duration publishing,
      double relayedPerSecond,
      Duration untilAllSagasEnded,
      double sagasPerSecond,
      long completed,
      long cancelled) {}

  private final BenchConfig config;
  private final BenchData data;

  OutboxScenario(BenchConfig config, BenchData data) {
    this.config = config;
    this.data = data;
  }

  Result run() throws SQLException, InterruptedException {
    int n = config.outboxRows();
    long[] ids;
    long firstRow;
    try (Connection c = data.db()) {
      c.setAutoCommit(false);
      ids = data.insertOrders(c, n, "CREATING_ORDER");
      firstRow = nextOutboxId(c);
      writeOrderCreated(c, ids[0], ids[1]);
      c.commit();
    }
    long committed = System.nanoTime();
    String pending =
        "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL AND id >= "
            + firstRow
            + " AND aggregate_id BETWEEN "
            + ids[0]
            + " AND "
            + ids[1];
    long firstSent = 0;
    long allSent;
    long deadline = committed + Duration.ofMinutes(5).toNanos();
    try (Connection c = data.db();
        PreparedStatement count = c.prepareStatement(pending)) {
      while (true) {
        long left;
        try (ResultSet r = count.executeQuery()) {
          r.next();
          left = r.getLong(1);
        }
        long now = System.nanoTime();
        if (firstSent == 0 && left < n) {
          firstSent = now;
        }
        if (left == 0) {
          allSent = now;
          break;
        }
        if (now > deadline) {
          throw new IllegalStateException(
              left + " of " + n + " outbox rows still unsent after 5 min");
        }
        Thread.sleep(10);
      }
    }
    String running =
        "SELECT COUNT(*) FROM orders WHERE saga_state NOT IN ('COMPLETED', 'CANCELLED') AND id BETWEEN "
            + ids[0]
            + " AND "
            + ids[1];
    BenchData.waitFor(
        () -> BenchData.unchecked(() -> data.count(running)) == 0,
        Duration.ofMinutes(10),
        "the sagas of the burst to end");
    long ended = System.nanoTime();
    String inRange = " AND id BETWEEN " + ids[0] + " AND " + ids[1];
    long completed =
        data.count("SELECT COUNT(*) FROM orders WHERE saga_state = 'COMPLETED'" + inRange);
    long cancelled =
        data.count("SELECT COUNT(*) FROM orders WHERE saga_state = 'CANCELLED'" + inRange);
    Duration publishing = Duration.ofNanos(allSent - firstSent);
    Duration sagas = Duration.ofNanos(ended - committed);
    return new Result(
        n,
        Duration.ofNanos(firstSent - committed),
        publishing,
        n / Math.max(publishing.toNanos() / 1e9, 0.001),
        sagas,
        n / (sagas.toNanos() / 1e9),
        completed,
        cancelled);
  }

  private static long nextOutboxId(Connection c) throws SQLException {
    try (var s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM outbox_messages")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** One OrderCreated per order, in the event contract's format (docs/event-contract.md). */
  private static void writeOrderCreated(Connection c, long first, long last) throws SQLException {
    String items =
        "SELECT order_id, product_id, quantity, unit_price FROM order_items"
            + " WHERE order_id BETWEEN ? AND ? ORDER BY order_id, id";
    String orders =
        "SELECT id, user_id, total_amount FROM orders WHERE id BETWEEN ? AND ? ORDER BY id";
    Map<Long, List<Map<String, Object>>> lines = new java.util.HashMap<>();
    try (PreparedStatement s = c.prepareStatement(items)) {
      s.setLong(1, first);
      s.setLong(2, last);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lines
              .computeIfAbsent(r.getLong(1), id -> new java.util.ArrayList<>())
              .add(
                  Map.of(
                      "product_id",
                      r.getLong(2),
                      "quantity",
                      r.getInt(3),
                      "unit_price",
                      r.getBigDecimal(4)));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(orders);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO outbox_messages (event_id, event_type, aggregate_id, payload)"
                    + " VALUES (?, 'OrderCreated', ?, ?)")) {
      s.setLong(1, first);
      s.setLong(2, last);
      try (ResultSet r = s.executeQuery()) {
        int batched = 0;
        while (r.next()) {
          long orderId = r.getLong(1);
          String eventId = UUID.randomUUID().toString();
          var event = new java.util.TreeMap<String, Object>();
          event.put("event", "OrderCreated");
          event.put("event_id", eventId);
          event.put("correlation_id", UUID.randomUUID().toString());
          event.put("order_id", orderId);
          event.put("user_id", r.getLong(2));
          event.put("total_amount", r.getBigDecimal(3));
          event.put("order_items", lines.get(orderId));
          event.put("is_paid", false);
          event.put("datetime", Instant.now().toString());
          insert.setString(1, eventId);
          insert.setLong(2, orderId);
          insert.setString(3, StoreClient.write(event));
          insert.addBatch();
          if (++batched % 2000 == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
    }
  }
}
