package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.eventually;
import static org.storemanager.it.Stack.queryLongIn;
import static org.storemanager.it.Stack.queryStringIn;
import static org.storemanager.it.Stack.store;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * The saga's edges on the running stack, with the real broker (issue 29): malformed records written
 * onto the saga topic while orders flow are each dead-lettered by both services and listed by
 * {@code ./stack dlq list}, and every order still completes; paying and deleting an order at the
 * same moment never leaves money taken for a deleted order; a StockDecreased that arrives after its
 * order was cancelled creates no payment.
 */
class SagaEdgeIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  /** Writes a raw record: any key, value and headers, nulls and non-UTF-8 bytes included. */
  private static void publishRaw(
      KafkaProducer<byte[], byte[]> producer, String key, byte[] value, Map<String, byte[]> headers)
      throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            Stack.TOPIC, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    headers.forEach((name, bytes) -> record.headers().add(name, bytes));
    producer.send(record).get(15, TimeUnit.SECONDS);
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void malformedRecordsUnderLoadAreDeadLetteredAndEveryOtherOrderCompletes() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 1000);
    String prefix = Stack.unique("malformed-");
    byte[] nonUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0x0A, (byte) 0xF2, (byte) 0x90};
    Map<String, byte[]> nullHeaders = new HashMap<>();
    nullHeaders.put("traceparent", null);
    nullHeaders.put("handled-by", null);
    String huge = "{\"event\":\"OrderCreated\",\"pad\":\"" + "x".repeat(600_000) + "\"}";
    // Each shape, with a key per record: keys spread them over the partitions (and so the lanes).
    Map<String, byte[]> shapes = new HashMap<>();
    shapes.put("tombstone", null);
    shapes.put("non-utf8", nonUtf8);
    shapes.put(
        "unknown-event", utf8("{\"event\":\"OrderTeleported\",\"event_id\":\"x\",\"order_id\":1}"));
    shapes.put(
        "wrong-types",
        utf8("{\"event\":\"OrderCreated\",\"event_id\":\"x\",\"order_id\":\"one\"}"));
    shapes.put(
        "bad-quantity",
        utf8(
            "{\"event\":\"OrderCreated\",\"event_id\":\""
                + UUID.randomUUID()
                + "\",\"order_id\":1,\"order_items\":[{\"product_id\":1,\"quantity\":-3}]}"));
    shapes.put("not-json", utf8("{\"event\":"));
    shapes.put("huge", utf8(huge));

    // Rounds of every shape, each followed by two orders placed at once: the records land among
    // the events of the sagas still running.
    int rounds = 6;
    List<Long> orders = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, byte[]> shape : shapes.entrySet()) {
          publishRaw(
              producer, prefix + shape.getKey() + "-" + round, shape.getValue(), nullHeaders);
        }
        orders.add(fixtures.placeOrder(user, product, 1));
        orders.add(fixtures.placeOrder(user, product, 1));
      }
    }
    int records = shapes.size() * rounds;
    // Every order completes although malformed records sit on every partition among its events.
    for (long order : orders) {
      assertEquals(
          "COMPLETED",
          Fixtures.awaitOutcome(order, Duration.ofSeconds(60)).getString("saga_state"),
          "order " + order);
    }
    // Each malformed record is dead-lettered by each service, once.
    Map<String, List<String>> dead =
        KafkaTopics.deadLettersByKey(prefix, 2 * records, Duration.ofSeconds(60));
    assertEquals(records, dead.size(), "every malformed record dead-lettered: " + dead.keySet());
    dead.forEach(
        (key, consumers) ->
            assertEquals(
                List.of("payment", "store-manager"),
                consumers.stream().sorted().toList(),
                key + " by both services"));
    // And the operator sees them: ./stack dlq list prints each one, by key.
    String listed = stackOutput("dlq", "list");
    for (String shape : shapes.keySet()) {
      assertTrue(listed.contains(prefix + shape + "-0"), shape + " missing from ./stack dlq list");
    }
  }

  private static String stackOutput(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("stack.root", "../"), "stack").getCanonicalPath());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                process.getInputStream().transferTo(out);
              } catch (java.io.IOException e) {
                // the process ended: what was read is kept
              }
            });
    reader.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./stack " + String.join(" ", args) + " did not finish");
    }
    reader.join(10_000);
    assertEquals(0, process.exitValue(), "./stack " + String.join(" ", args) + ":\n" + out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Pays the order's payment with its link, as the customer would (no token). */
  private static Response pay(String link) {
    long paymentId =
        Long.parseLong(
            link.substring(link.indexOf("/process/") + "/process/".length(), link.indexOf('?')));
    return given()
        .baseUri(Stack.PAYMENT_URL)
        .contentType(ContentType.JSON)
        .queryParam("key", link.substring(link.indexOf("?key=") + "?key=".length()))
        .body(
            Map.of("cardNumber", "4111111111111111", "cardCode", "123", "expirationDate", "12/40"))
        .post("/payments/process/" + paymentId);
  }

  @Test
  void payingAndDeletingAtOnceNeverLeavesMoneyForADeletedOrder() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 100);
    ExecutorService both = Executors.newFixedThreadPool(2);
    int deleted = 0;
    int refunded = 0;
    try {
      for (int round = 0; round < 8; round++) {
        long order = fixtures.order(user, product, 1);
        String link = store().get("/orders/" + order).path("payment_link");
        long paymentId = ((Number) store().get("/orders/" + order).path("payment_id")).longValue();
        // At once, each of them first in turn.
        Future<Integer> paid;
        Future<Integer> delete;
        if (round % 2 == 0) {
          paid = both.submit(() -> pay(link).statusCode());
          delete = both.submit(() -> store().delete("/orders/" + order).statusCode());
        } else {
          delete = both.submit(() -> store().delete("/orders/" + order).statusCode());
          paid = both.submit(() -> pay(link).statusCode());
        }
        int payStatus = paid.get(30, TimeUnit.SECONDS);
        int deleteStatus = delete.get(30, TimeUnit.SECONDS);
        assertTrue(payStatus == 200 || payStatus == 409, "pay answered " + payStatus);
        if (deleteStatus == 409) {
          // The Store Manager knew it was paid: the order stays, paid (cleanup refunds it by hand).
          assertEquals(200, payStatus);
          continue;
        }
        assertEquals(204, deleteStatus, "DELETE answered " + deleteStatus);
        deleted++;
        // Deleted: its payment ends voided and unpaid (the payment was refused), or refunded.
        String[] status = new String[1];
        eventually(
            Duration.ofSeconds(30),
            "payment " + paymentId + " of deleted order " + order + " settled",
            () -> {
              status[0] =
                  given()
                      .baseUri(Stack.PAYMENT_URL)
                      .header("Authorization", DevTokens.bearer(Roles.MANAGER))
                      .get("/payments/" + paymentId)
                      .path("status");
              return "voided".equals(status[0]) || "refunded".equals(status[0]);
            });
        assertEquals(payStatus == 200 ? "refunded" : "voided", status[0], "order " + order);
        assertEquals(
            0L,
            queryLongIn(
                "payment",
                "select count(*) from payments where id = ? and is_paid and refunded_at is null",
                paymentId));
        if ("refunded".equals(status[0])) {
          refunded++;
          assertEquals(
              "PaymentRefunded",
              queryStringIn(
                  "payment",
                  "select event_type from outbox_messages where aggregate_id = ?"
                      + " and event_type = 'PaymentRefunded'",
                  order));
          // The deleted order's timeline still shows what became of its money.
          List<String> events =
              store()
                  .get("/orders/" + order + "/events")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getList("events.event");
          assertTrue(events.contains("PaymentRefunded"), "timeline of " + order + ": " + events);
          assertTrue(events.contains("OrderDeleted"), "timeline of " + order + ": " + events);
        }
      }
    } finally {
      both.shutdownNow();
    }
    assertTrue(deleted > 0, "no round deleted its order: the race was never run");
    System.out.println("pay-then-delete: " + deleted + " of 8 deleted, " + refunded + " refunded");
  }

  @Test
  void aStockDecreasedAfterItsOrderWasCancelledCreatesNoPayment() throws Exception {
    // An order id the Store Manager never had: only the payment service acts on these events.
    long order = 900_000_000L + (System.nanoTime() % 90_000_000L);
    String key = Long.toString(order);
    String correlation = UUID.randomUUID().toString();
    String cancelled =
        "{\"event\":\"OrderCancelled\",\"event_id\":\"%s\",\"correlation_id\":\"%s\","
            + "\"order_id\":%d,\"user_id\":1,\"total_amount\":5.00,\"error\":\"test\"}";
    String decreased =
        "{\"event\":\"StockDecreased\",\"event_id\":\"%s\",\"correlation_id\":\"%s\","
            + "\"order_id\":%d,\"user_id\":1,\"total_amount\":5.00,"
            + "\"order_items\":[{\"product_id\":1,\"quantity\":1,\"unit_price\":5.00}]}";
    KafkaTopics.publish(key, String.format(cancelled, UUID.randomUUID(), correlation, order));
    KafkaTopics.publish(key, String.format(decreased, UUID.randomUUID(), correlation, order));
    String marker = Stack.unique("marker-after-late-stock-decreased-");
    KafkaTopics.publish(key, marker); // same key, same partition: behind the two events
    assertEquals(2, KafkaTopics.deadLettersFor(marker, 2, Duration.ofSeconds(30)).size());

    assertEquals(
        1L, queryLongIn("payment", "select count(*) from closed_orders where order_id = ?", order));
    assertEquals(
        0L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
    Stack.update("delete from payment.closed_orders where order_id = ?", order);
  }
}
