package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.eventually;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.store;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./stack dlq replay <id>} re-injects a dead letter into the saga topic, through the inbox:
 * an event not applied yet takes effect once, a second replay (or a replay of an event already
 * applied) changes nothing.
 */
class DeadLetterReplayIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void aReplayedDeadLetterTakesEffectOnceThroughTheInbox() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 5);
    long order = fixtures.order(user, product, 1);
    long payment =
        store().get("/orders/" + order).then().extract().jsonPath().getLong("payment_id");
    // A PaymentCompleted that a consumer gave up on: parked on the dead-letter topic.
    String eventId = UUID.randomUUID().toString();
    String paid =
        "{\"event\":\"PaymentCompleted\",\"event_id\":\""
            + eventId
            + "\",\"correlation_id\":\""
            + UUID.randomUUID()
            + "\",\"order_id\":"
            + order
            + ",\"user_id\":"
            + user
            + ",\"total_amount\":3.00,\"is_paid\":true,\"payment_id\":"
            + payment
            + "}";
    String id = KafkaTopics.deadLetter(Long.toString(order), paid);
    assertEquals(false, store().get("/orders/" + order).path("is_paid"));

    SagaFaultIT.stack("dlq", "replay", id);
    eventually(
        Fixtures.SAGA_TIMEOUT,
        "order " + order + " paid by the replayed event",
        () -> queryLong("select is_paid from orders where id = ?", order) == 1L);
    eventually(
        Fixtures.SAGA_TIMEOUT,
        "the replayed event in the inbox",
        () -> queryLong("select count(*) from processed_events where event_id = ?", eventId) == 1L);
    long version = queryLong("select version from orders where id = ?", order);

    // Again: the inbox knows the event id; a marker behind it shows it was consumed.
    SagaFaultIT.stack("dlq", "replay", id);
    String marker = Stack.unique("marker-after-replay-");
    KafkaTopics.publish(Long.toString(order), marker);
    assertEquals(2, KafkaTopics.deadLettersFor(marker, 2, Duration.ofSeconds(30)).size());
    assertEquals(version, queryLong("select version from orders where id = ?", order));
    assertEquals(
        1L, queryLong("select count(*) from processed_events where event_id = ?", eventId));
  }
}
