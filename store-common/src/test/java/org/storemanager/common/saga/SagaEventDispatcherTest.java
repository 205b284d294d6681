package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's dead-letter rule, without Kafka (a fake producer, pure logic): a record is never
 * dropped when the dead-letter topic refuses it, and an interrupt ends the wait without returning
 * (the record stays unacknowledged).
 */
class SagaEventDispatcherTest {

  /** Refuses the first {@code failures} dead letters, then takes them. */
  static final class FlakyDeadLetterTopic extends KafkaEventProducer {
    final AtomicInteger failuresLeft;
    final List<String> taken = new ArrayList<>();

    FlakyDeadLetterTopic(int failures) {
      failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public void sendToDeadLetter(String key, String value, String reason, String origin)
        throws Exception {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new java.util.concurrent.TimeoutException("dead-letter topic unreachable");
      }
      taken.add(value);
    }
  }

  private static SagaEventDispatcher dispatcher(KafkaEventProducer kafka) {
    SagaEventDispatcher dispatcher = new SagaEventDispatcher();
    dispatcher.kafka = kafka;
    dispatcher.metrics = new SagaMetrics(); // no registry: counts nothing
    return dispatcher;
  }

  @Test
  void anUnreadableRecordWaitsUntilTheDeadLetterTopicTakesIt() {
    FlakyDeadLetterTopic topic = new FlakyDeadLetterTopic(2);
    SagaEventDispatcher dispatcher = dispatcher(topic);

    dispatcher.dispatch("not json"); // returns only once the record is on the topic

    assertEquals(List.of("not json"), topic.taken);
    assertEquals(1, dispatcher.deadLettered());
    assertTrue(topic.failuresLeft.get() < 0, "the two refusals were retried");
  }

  @Test
  void anInterruptEndsTheWaitWithoutAcknowledging() {
    FlakyDeadLetterTopic topic = new FlakyDeadLetterTopic(Integer.MAX_VALUE);
    SagaEventDispatcher dispatcher = dispatcher(topic);

    Thread.currentThread().interrupt(); // the server is stopping
    try {
      assertThrows(
          SagaEventDispatcher.DispatchInterrupted.class, () -> dispatcher.dispatch("not json"));
    } finally {
      Thread.interrupted(); // clear it for the next test
    }
    assertEquals(0, dispatcher.deadLettered());
    assertTrue(topic.taken.isEmpty());
  }
}
