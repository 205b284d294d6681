package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storemanager.common.saga.OutboxBatch;

/**
 * The relay's two queries on the real MariaDB. The claim ({@link OutboxBatch#CLAIM}), with two
 * connections: it takes only each order's first unsent row older than the grace period, skips rows
 * another relay holds, and leaves a row behind a held one. The after-commit lookup ({@link
 * OutboxBatch#COMMITTED}): a row behind an earlier unsent row of its order names it (the relay lets
 * it go only if it published that row itself), a sent one is said so. Either way no order's events
 * can overtake each other. It runs on a scratch copy of the outbox table ({@code CREATE TABLE ...
 * LIKE}), so the running services' relays never see its rows.
 */
class OutboxClaimIT {

  private static final String TABLE = "outbox_claim_it_" + ProcessHandle.current().pid();
  private static final String CLAIM =
      OutboxBatch.CLAIM
          .replace("outbox_messages", TABLE)
          .replace(":max", "200")
          .replace(":before", "NOW() - INTERVAL 10 SECOND");
  private static final String OLD = "NOW() - INTERVAL 1 MINUTE";

  @BeforeAll
  static void createScratchTable() throws SQLException {
    try (Connection c = Stack.db();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " LIKE outbox_messages");
    }
  }

  @AfterAll
  static void dropScratchTable() throws SQLException {
    try (Connection c = Stack.db();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
    }
  }

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = Stack.db();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + TABLE);
    }
  }

  @Test
  void claimsTheFirstUnsentRowOfEachOrderAndSaysWhenMoreWait() throws SQLException {
    long a1 = insert(1, null);
    insert(1, null);
    long b1 = insert(2, null);
    insert(3, "2026-01-01 00:00:00");
    long c2 = insert(3, null); // its earlier row is sent: it may go
    insert(4, null, "NOW()"); // younger than the grace period: its writer publishes it
    try (Connection relay = Stack.db()) {
      relay.setAutoCommit(false);
      List<long[]> claimed = claim(relay);
      assertEquals(List.of(a1, b1, c2), ids(claimed));
      assertEquals(List.of(1L, 0L, 0L), claimed.stream().map(r -> r[1]).toList()); // more?
      relay.rollback();
    }
  }

  @Test
  void aRowBehindOneAnotherRelayHoldsWaitsAndTheHeldRowIsSkipped() throws SQLException {
    long held = insert(7, null);
    insert(7, null);
    long other = insert(8, null);
    try (Connection first = Stack.db();
        Connection second = Stack.db()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      assertEquals(List.of(held, other), ids(claim(first)));
      assertEquals(List.of(), ids(claim(second))); // nothing of order 7 may overtake its held row
      first.rollback();
      assertEquals(List.of(held, other), ids(claim(second))); // released: claimable again
      second.rollback();
    }
  }

  @Test
  void rowsJustCommittedGoUnlessAnEarlierRowOfTheirOrderIsUnsent() throws SQLException {
    long earlier = insert(5, null);
    long behind = insert(5, null, "NOW()");
    insert(6, "2026-01-01 00:00:00");
    long free = insert(6, null, "NOW()");
    long sent = insert(9, "2026-01-01 00:00:00", "NOW()");
    String lookup =
        OutboxBatch.COMMITTED
            .replace("outbox_messages", TABLE)
            .formatted(behind + "," + free + "," + sent);
    List<String> states = new ArrayList<>();
    try (Connection c = Stack.db();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(lookup)) {
      while (r.next()) {
        states.add(
            r.getLong(1)
                + (r.getBoolean(7)
                    ? " sent"
                    : r.getString(8) != null ? " waits for " + r.getString(8) : " goes"));
      }
    }
    assertEquals(List.of(behind + " waits for " + earlier, free + " goes", sent + " sent"), states);
    try (Connection c = Stack.db();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE " + TABLE + " SET sent_at = NOW() WHERE id = " + earlier);
      try (ResultSet r = s.executeQuery(lookup)) {
        r.next();
        assertEquals(behind, r.getLong(1));
        assertEquals(null, r.getString(8), "the earlier row is sent: the row behind it goes");
      }
    }
  }

  private List<long[]> claim(Connection c) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(CLAIM)) {
      while (r.next()) {
        rows.add(new long[] {r.getLong(1), r.getLong(7)});
      }
    }
    return rows;
  }

  private static List<Long> ids(List<long[]> rows) {
    return rows.stream().map(r -> r[0]).toList();
  }

  private long insert(long order, String sentAt) throws SQLException {
    return insert(order, sentAt, OLD);
  }

  private long insert(long order, String sentAt, String createdAt) throws SQLException {
    try (Connection c = Stack.db();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO "
              + TABLE
              + " (event_id, event_type, aggregate_id, payload, created_at, sent_at) VALUES ('"
              + UUID.randomUUID()
              + "', 'OrderCreated', "
              + order
              + ", '{}', "
              + createdAt
              + ", "
              + (sentAt == null ? "NULL" : "'" + sentAt + "'")
              + ")",
          Statement.RETURN_GENERATED_KEYS);
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }
}
