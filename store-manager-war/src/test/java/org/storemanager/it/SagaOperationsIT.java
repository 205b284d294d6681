package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.store;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /operations/saga} on the running stack: the backlog numbers and the newest orders. */
class SagaOperationsIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void theBacklogIsMeasuredAndTheNewestOrdersListed() {
    long user = fixtures.user();
    long product = fixtures.product("5.00", 5);
    long order = fixtures.order(user, product, 1);

    // Measured in the background: the first answers may still have nulls.
    JsonPath[] answer = new JsonPath[1];
    Stack.eventually(
        Fixtures.SAGA_TIMEOUT,
        "backlog and dead letters measured",
        () -> {
          answer[0] = store().get("/operations/saga").then().statusCode(200).extract().jsonPath();
          return answer[0].get("consumer_lag") != null
              && answer[0].get("outbox_unsent") != null
              && answer[0].get("dead_letters") != null;
        });
    JsonPath ops = answer[0];

    assertEquals("store-manager", ops.getString("service"));
    assertNotNull(ops.getString("consumer_group"));
    assertNotNull(ops.getString("topic"));
    assertNotNull(ops.getString("backlog_refreshed_at"));
    assertTrue(ops.getLong("outbox_unsent") >= 0);
    assertTrue(ops.getLong("consumer_lag") >= 0);
    assertTrue(ops.getLong("dead_letters") >= 0);
    List<Map<String, Object>> consumers = ops.getList("consumers");
    assertFalse(consumers.isEmpty(), "the group's consumers");
    List<Map<String, Object>> recent = ops.getList("recent_orders");
    assertTrue(recent.size() <= 20);
    List<Long> ids = recent.stream().map(o -> ((Number) o.get("order_id")).longValue()).toList();
    assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids, "newest first");
    Map<String, Object> mine =
        recent.stream()
            .filter(o -> ((Number) o.get("order_id")).longValue() == order)
            .findFirst()
            .orElseThrow(() -> new AssertionError("order " + order + " among " + ids));
    assertEquals("COMPLETED", mine.get("saga_state"));
    assertEquals(((Number) mine.get("user_id")).longValue(), user);
    assertEquals(5.0, ((Number) mine.get("total_amount")).doubleValue());
    assertNotNull(mine.get("created_at"));
  }
}
