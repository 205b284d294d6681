package org.storemanager.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.storemanager.it.Stack.eventually;
import static org.storemanager.it.Stack.redis;
import static org.storemanager.it.Stack.store;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis read models are rebuilt from MySQL when Redis loses them. */
class ReadModelIT {

  private static final Duration REBUILD = Duration.ofSeconds(30);
  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void rebuildsEverythingAfterRedisLostIt() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    long order = fixtures.order(user, product, 2);
    String orderJson = redis().hget("order:" + order, "json");
    assertNotNull(orderJson);

    // Redis "loses" this test's entries and the marker; other tests' keys stay (no FLUSHALL on a
    // shared Redis: the chaos harness does that on a stack of its own).
    redis()
        .del(
            "readmodel:built-at",
            "order:" + order,
            "stock:" + product,
            "report:highest-spenders",
            "report:best-sellers");

    // The maintenance timer notices the missing marker and rebuilds from MySQL.
    eventually(REBUILD, "read model marker back", () -> redis().exists("readmodel:built-at") == 1);
    assertEquals(orderJson, redis().hget("order:" + order, "json"));
    assertEquals("8", redis().hget("stock:" + product, "quantity"));
    assertEquals(600.0, redis().zscore("report:highest-spenders", Long.toString(user)));
    assertEquals(2.0, redis().zscore("report:best-sellers", Long.toString(product)));
    store().get("/orders/" + order).then().statusCode(200).body("total_amount", equalTo(6.0f));
  }

  @Test
  void aMissingKeyIsReadThroughFromMysql() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    long order = fixtures.order(user, product, 1);
    redis().del("order:" + order, "stock:" + product);

    store().get("/orders/" + order).then().statusCode(200).body("order_id", equalTo((int) order));
    store().get("/stocks/" + product).then().statusCode(200).body("quantity", equalTo(9));
    assertNotNull(redis().hget("order:" + order, "json"));
    assertEquals("9", redis().hget("stock:" + product, "quantity"));
  }

  @Test
  void aRebuildDropsEntriesOfRowsThatNoLongerExist() {
    redis().hset("order:987654321", "json", "{\"order_id\":987654321}");
    redis().del("readmodel:built-at");
    eventually(REBUILD, "stale order entry removed", () -> redis().exists("order:987654321") == 0);
    store().get("/orders/987654321").then().statusCode(404);
  }

  @Test
  void reportsAreServedWhenTheMarkerIsMissing() {
    long user = fixtures.user();
    long product = fixtures.product("99999.99", 5);
    fixtures.order(user, product, 1);
    redis().del("readmodel:built-at", "report:highest-spenders");
    // The report request itself triggers the rebuild instead of answering from a partial set.
    store()
        .queryParam("limit", 100)
        .get("/orders/reports/highest-spenders")
        .then()
        .statusCode(200)
        .body("find { it.user_id == " + user + " }.total_spent", equalTo(99999.99f));
  }

  @Test
  void aRebuildNeverOverwritesANewerVersion() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    long order = fixtures.order(user, product, 1);
    // Pretend an update newer than MySQL's row reached Redis just before the rebuild read it.
    redis()
        .hset("order:" + order, java.util.Map.of("version", "999999", "json", "{\"newer\":true}"));
    redis().del("readmodel:built-at");
    eventually(REBUILD, "rebuild done", () -> redis().exists("readmodel:built-at") == 1);
    assertEquals("999999", redis().hget("order:" + order, "version"));
    redis().del("order:" + order); // back to MySQL's state on the next read
  }

  @Test
  void aDeletedOrderStaysDeletedInTheReadModel() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    long order = fixtures.order(user, product, 1);
    store().delete("/orders/" + order).then().statusCode(204);

    assertEquals("1", redis().hget("order:" + order, "deleted")); // tombstone, not a bare DEL
    store().get("/orders/" + order).then().statusCode(404);
    assertEquals(null, redis().hget("order:" + order, "json")); // the miss did not resurrect it
  }
}
