package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The relay's choice of path for each committed row, pure logic: a row whose writer vouched for the
 * rows before it ({@link OutboxPrecedence}) goes from memory ({@link OutboxBatch#publishKnown})
 * once those are sent here; it waits behind a row this relay still has to publish; it is looked up
 * ({@link OutboxBatch#publishCommitted}) behind any other row. In every case an order's rows reach
 * Kafka in their order. The database is a map in {@link ScriptedBatch}; the statements themselves
 * are tested against MariaDB by OutboxClaimIT and SagaIT.
 */
class OutboxRelayTest {

  private static final long ORDER = 7;

  private final ScriptedBatch batch = new ScriptedBatch();
  private final OutboxRelay relay = relayOn(batch);

  private static OutboxRelay relayOn(OutboxBatch batch) {
    OutboxRelay relay = new OutboxRelay();
    relay.batch = batch;
    relay.metrics = new SagaMetrics(); // no registry: nothing is counted
    return relay;
  }

  private static OutboxBatch.Row vouched(long id, Long... unsentBefore) {
    return new OutboxBatch.Row(
        id, ORDER, "{}", "StockDecreased", null, false, new HashSet<>(List.of(unsentBefore)));
  }

  @Test
  void aVouchedRowWithNothingBeforeItGoesFromMemoryWithoutAStatement() {
    batch.unsent(1);

    relay.committed(1, vouched(1));

    assertEquals(List.of("known [1]"), batch.calls);
    assertEquals(List.of(1L), batch.published);
  }

  @Test
  void aRowWithoutAVouchIsLookedUp() {
    batch.unsent(1);

    relay.committed(1, null);

    assertEquals(List.of("look up [1]"), batch.calls);
    assertEquals(List.of(1L), batch.published);
  }

  @Test
  void aVouchedRowBehindOneThisRelayHasStillToPublishWaitsWithoutAStatementThenGoesFromMemory() {
    batch.unsent(1);
    batch.unsent(2, 1L);
    relay.committed(2, vouched(2, 1L)); // row 1 is unknown here yet: the database is asked

    relay.committed(1, null); // now row 1 is this relay's: row 2 waits for it, then follows

    assertEquals(List.of("look up [2]", "look up [1]", "known [2]"), batch.calls);
    assertEquals(List.of(1L, 2L), batch.published);
  }

  @Test
  void aVouchedRowBehindAnotherWritersRowIsLookedUpAndWaitsWhileThatRowIsUnsent() {
    batch.unsent(1); // another instance's row, not committed here
    batch.unsent(2, 1L);

    relay.committed(2, vouched(2, 1L));
    assertEquals(List.of(), batch.published, "row 2 may not overtake row 1");

    batch.sentElsewhere(1); // the other instance published it
    relay.relay(false);

    assertEquals(List.of("look up [2]", "look up [2]"), batch.calls);
    assertEquals(List.of(2L), batch.published);
  }

  @Test
  void aVouchedRowBehindOneSentHereLatelyGoesFromMemory() {
    batch.unsent(1);
    batch.unsent(2, 1L);
    relay.committed(1, vouched(1));

    relay.committed(2, vouched(2, 1L)); // row 1 was published here, not marked sent yet

    assertEquals(List.of("known [1]", "known [2]"), batch.calls);
    assertEquals(List.of(1L, 2L), batch.published);
  }

  @Test
  void whenKafkaFailsTheRowsInMemoryAreForgottenAndLeftToTheClaim() {
    batch.unsent(1);
    batch.failing = true;

    relay.committed(1, vouched(1));
    batch.failing = false;
    relay.relay(false); // within the backoff: nothing is sent from memory

    assertEquals(List.of("known [1]"), batch.calls);
    assertTrue(batch.published.isEmpty());
  }

  /**
   * The outbox table as a map: each unsent row with the unsent rows of its order before it. A
   * lookup publishes a row only when every row before it is sent, here or elsewhere, as {@link
   * OutboxBatch#publishCommitted} does with its {@code SELECT}.
   */
  static final class ScriptedBatch extends OutboxBatch {
    final List<String> calls = new ArrayList<>();
    final List<Long> published = new ArrayList<>();
    final Map<Long, Set<Long>> unsentRows = new LinkedHashMap<>();
    boolean failing;

    void unsent(long id, Long... before) {
      unsentRows.put(id, new HashSet<>(List.of(before)));
    }

    void sentElsewhere(long id) {
      unsentRows.remove(id);
    }

    @Override
    public Result publishKnown(List<Row> rows) throws Exception {
      calls.add("known " + rows.stream().map(Row::id).toList());
      if (failing) {
        throw new Exception("Kafka unreachable");
      }
      return send(rows.stream().map(Row::id).toList(), List.of());
    }

    @Override
    public Result publishCommitted(List<Long> ids, LongPredicate sentHere) throws Exception {
      calls.add("look up " + ids);
      List<Long> ready = new ArrayList<>();
      List<Long> waiting = new ArrayList<>();
      for (Long id : ids) {
        boolean free =
            unsentRows.get(id).stream()
                .allMatch(before -> !unsentRows.containsKey(before) || sentHere.test(before));
        (free ? ready : waiting).add(id);
      }
      return send(ready, waiting);
    }

    private Result send(List<Long> ids, List<Long> waiting) {
      Map<Long, Instant> acknowledged = new HashMap<>();
      for (Long id : ids) {
        published.add(id);
        acknowledged.put(id, Instant.now());
      }
      return new Result(ids.size(), 0, waiting, acknowledged);
    }

    @Override
    public void markSent(Map<Long, Instant> acknowledged) {
      acknowledged.keySet().forEach(unsentRows::remove);
    }
  }
}
