package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.queryLongIn;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Store Manager instances (ports 5000 and 5001) on the same databases, Redis and consumer
 * group: orders placed on either complete, every outbox row is published once, and each order's
 * events reach the topic in saga order.
 */
class ScaleOutIT {

  private static final String SECOND =
      "http://127.0.0.1:" + System.getProperty("store2.port", "5001");
  private final Fixtures fixtures = new Fixtures();

  @BeforeAll
  static void startSecondInstance() throws Exception {
    SagaFaultIT.stack("start", "store-manager-2");
  }

  @AfterAll
  static void stopSecondInstance() throws Exception {
    SagaFaultIT.stack("stop", "store-manager-2");
  }

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void ordersOnBothInstancesCompleteWithEachEventPublishedOnceAndInOrder() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 100);
    List<Long> orders = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String instance = i % 2 == 0 ? Stack.STORE_URL : SECOND;
      long order =
          Stack.staff(given())
              .baseUri(instance)
              .contentType(ContentType.JSON)
              .body(Fixtures.orderBody(user, product, 1))
              .post("/orders")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("order_id");
      fixtures.track("/orders/" + order);
      orders.add(order);
    }
    for (long order : orders) {
      assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));
    }
    assertEquals(90L, queryLong("select quantity from stocks where product_id = ?", product));
    for (long order : orders) {
      assertEquals(
          1L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
    }

    Map<String, List<String>> eventsByOrder = publishedEvents(orders);
    for (long order : orders) {
      assertEquals(
          List.of("OrderCreated", "StockDecreased", "PaymentCreated", "SagaCompleted"),
          eventsByOrder.get(Long.toString(order)),
          "events of order " + order + " on the topic, in partition order");
    }
    // Each instance is one consumer of the group, so two members show that both joined (the
    // in-container test server has a group of its own).
    Stack.eventually(
        Duration.ofSeconds(60),
        "two members (one per instance) in group store-manager",
        () -> consumerGroupMembers("store-manager") == 2);
  }

  /** The event types on the topic per order key, in offset order; fails on a repeated event id. */
  private static Map<String, List<String>> publishedEvents(List<Long> orders) {
    Set<String> keys = new HashSet<>();
    orders.forEach(order -> keys.add(Long.toString(order)));
    Properties config = KafkaTopics.fromTheStart();
    Map<String, List<String>> events = new HashMap<>();
    Set<String> eventIds = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(Stack.TOPIC));
      int seen = 0;
      while (seen < orders.size() * 4 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (!keys.contains(record.key())) {
            continue;
          }
          var json =
              jakarta.json.Json.createReader(new java.io.StringReader(record.value())).readObject();
          assertTrue(
              eventIds.add(json.getString("event_id")), "published twice: " + record.value());
          events.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(json.getString("event"));
          seen++;
        }
      }
    }
    return events;
  }

  private static int consumerGroupMembers(String group) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
    try (Admin admin = Admin.create(config)) {
      return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
