package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's rules, without a database (a fake inbox that records its transactions, pure
 * logic): events brought while a transaction runs share the next one; a lane alone gets its own
 * transaction at once; a shared failure is said as such, a lone one passes through; an interrupted
 * lane's event is never delivered.
 */
class GroupCommitTest {

  /** Records each transaction's events; the first waits for {@link #release} when it is held. */
  static final class RecordingInbox extends Inbox {
    final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean holdFirst;
    volatile String failOn;

    @Override
    public void deliverAll(List<Delivery> deliveries) {
      List<String> ids = deliveries.stream().map(d -> d.event().eventId()).toList();
      boolean first = transactions.isEmpty();
      transactions.add(ids);
      if (first && holdFirst) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failOn != null && ids.contains(failOn)) {
        throw new IllegalStateException("handler failed on " + failOn);
      }
    }
  }

  private final ExecutorService lanes = Executors.newFixedThreadPool(4);
  private final RecordingInbox inbox = new RecordingInbox();
  private final GroupCommit groupCommit = groupCommit(16);

  @AfterEach
  void stopLanes() {
    lanes.shutdownNow();
  }

  private GroupCommit groupCommit(int max) {
    GroupCommit g = new GroupCommit();
    g.inbox = inbox;
    g.max = max;
    return g;
  }

  @Test
  void aLaneAloneHasItsOwnTransactionAtOnce() throws Exception {
    groupCommit.deliver(delivery("a"));
    groupCommit.deliver(delivery("b"));
    assertEquals(List.of(List.of("a"), List.of("b")), inbox.transactions);
  }

  @Test
  void eventsBroughtWhileATransactionRunsShareTheNextOne() throws Exception {
    inbox.holdFirst = true;
    Future<?> first = lanes.submit(() -> deliver(groupCommit, "a"));
    await(() -> inbox.transactions.size() == 1);
    Future<?> second = lanes.submit(() -> deliver(groupCommit, "b"));
    Future<?> third = lanes.submit(() -> deliver(groupCommit, "c"));
    await(() -> groupCommit.waiting() == 2);
    inbox.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    third.get(10, TimeUnit.SECONDS);
    assertEquals(2, inbox.transactions.size());
    assertEquals(List.of("a"), inbox.transactions.get(0));
    assertEquals(2, inbox.transactions.get(1).size(), "b and c committed together");
    assertTrue(inbox.transactions.get(1).containsAll(List.of("b", "c")));
  }

  @Test
  void atMostMaxEventsShareATransaction() throws Exception {
    GroupCommit alone = groupCommit(1);
    inbox.holdFirst = true;
    Future<?> first = lanes.submit(() -> deliver(alone, "a"));
    await(() -> inbox.transactions.size() == 1);
    Future<?> second = lanes.submit(() -> deliver(alone, "b"));
    Future<?> third = lanes.submit(() -> deliver(alone, "c"));
    await(() -> alone.waiting() == 2);
    inbox.release.countDown();
    for (Future<?> f : List.of(first, second, third)) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertEquals(3, inbox.transactions.size());
    inbox.transactions.forEach(t -> assertEquals(1, t.size()));
  }

  @Test
  void aSharedFailureIsSaidAsSuchToEveryLaneOfTheTransaction() throws Exception {
    inbox.holdFirst = true;
    inbox.failOn = "c";
    Future<?> first = lanes.submit(() -> deliver(groupCommit, "a"));
    await(() -> inbox.transactions.size() == 1);
    Future<Exception> second = lanes.submit(() -> failureOf("b"));
    Future<Exception> third = lanes.submit(() -> failureOf("c"));
    await(() -> groupCommit.waiting() == 2);
    inbox.release.countDown();
    first.get(10, TimeUnit.SECONDS); // committed before c came
    Exception b = second.get(10, TimeUnit.SECONDS);
    Exception c = third.get(10, TimeUnit.SECONDS);
    assertInstanceOf(GroupCommit.SharedFailure.class, b);
    assertInstanceOf(GroupCommit.SharedFailure.class, c);
    assertInstanceOf(IllegalStateException.class, c.getCause());
  }

  @Test
  void aLoneFailurePassesThrough() {
    inbox.failOn = "a";
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> groupCommit.deliver(delivery("a")));
    assertEquals("handler failed on a", e.getMessage());
  }

  @Test
  void anInterruptedLanesEventIsNeverDelivered() throws Exception {
    inbox.holdFirst = true;
    Future<?> first = lanes.submit(() -> deliver(groupCommit, "a"));
    await(() -> inbox.transactions.size() == 1);
    Future<Exception> interrupted = lanes.submit(() -> failureOf("b"));
    await(() -> groupCommit.waiting() == 1);
    interrupted.cancel(true); // the server stops: the lane's thread is interrupted
    await(() -> groupCommit.waiting() == 0);
    inbox.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    groupCommit.deliver(delivery("c"));
    assertEquals(List.of(List.of("a"), List.of("c")), inbox.transactions);
  }

  private Void deliver(GroupCommit g, String id) throws InterruptedException {
    g.deliver(delivery(id));
    return null;
  }

  private Exception failureOf(String id) {
    try {
      groupCommit.deliver(delivery(id));
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static Inbox.Delivery delivery(String eventId) {
    SagaEvent event =
        new SagaEvent(
            "OrderCreated",
            eventId,
            "c",
            1L,
            1L,
            BigDecimal.ONE,
            null,
            null,
            null,
            null,
            "t",
            null);
    return new Inbox.Delivery(event, Span.getInvalid());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5); // polling with a deadline
    }
  }
}
