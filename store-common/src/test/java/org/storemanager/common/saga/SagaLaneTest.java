package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane's queue and task, pure logic (plain integers as records, a thread pool as the executor):
 * order kept, one task at a time, batches made of what waited, interrupted batches put back first.
 */
class SagaLaneTest {

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** A lane on the test's pool: at most {@code maxBatch} records per call of {@code handler}. */
  private SagaLane<Integer> laneOnThePool(int maxBatch, Consumer<List<Integer>> handler) {
    return new SagaLane<>("lane", pool, maxBatch, handler);
  }

  @Test
  void recordsAreHandledInTheirOrderByOneTaskAtATime() {
    AtomicInteger running = new AtomicInteger();
    AtomicBoolean overlapped = new AtomicBoolean();
    SagaLane<Integer> lane =
        laneOnThePool(
            4,
            batch -> {
              overlapped.compareAndSet(false, running.incrementAndGet() > 1);
              batches.add(List.copyOf(batch));
              running.decrementAndGet();
            });
    for (int i = 0; i < 500; i++) {
      lane.offer(i);
    }
    await(() -> handled().size() == 500, "all 500 records handled");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(i);
    }
    assertEquals(expected, handled(), "in the order offered");
    assertFalse(overlapped.get(), "two batches of one lane at once");
    assertTrue(batches.stream().allMatch(b -> !b.isEmpty() && b.size() <= 4), batches.toString());
    assertEquals(0, lane.waiting());
  }

  @Test
  void aBatchIsWhatWaitedWhileThePreviousOneWasHandled() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SagaLane<Integer> lane =
        laneOnThePool(
            16,
            batch -> {
              batches.add(List.copyOf(batch));
              firstStarted.countDown();
              awaitLatch(release);
            });
    lane.offer(1);
    assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
    for (int i = 2; i <= 20; i++) {
      lane.offer(i);
    }
    assertEquals(19, lane.waiting());
    release.countDown();
    await(() -> handled().size() == 20, "20 records handled");
    assertEquals(List.of(1), batches.get(0), "alone: nothing waited");
    assertEquals(16, batches.get(1).size(), "the 19 that waited, up to the maximum");
    assertEquals(List.of(18, 19, 20), batches.get(2));
  }

  @Test
  void anInterruptedBatchGoesBackFirstAndIsHandledOnTheNextOffer() {
    AtomicBoolean interruptOnce = new AtomicBoolean(true);
    SagaLane<Integer> lane =
        laneOnThePool(
            16,
            batch -> {
              if (interruptOnce.getAndSet(false)) {
                throw new SagaEventDispatcher.DispatchInterrupted("test");
              }
              batches.add(List.copyOf(batch));
            });
    lane.offer(1);
    await(() -> !interruptOnce.get() && lane.waiting() == 1, "the record back in the queue");
    assertTrue(batches.isEmpty(), "nothing handled, nothing acknowledged");
    lane.offer(2);
    await(() -> handled().size() == 2, "both handled");
    assertEquals(List.of(1, 2), handled());
  }

  @Test
  void anErrorPutsTheBatchBackInsteadOfLosingIt() {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    SagaLane<Integer> lane =
        laneOnThePool(
            16,
            batch -> {
              if (failOnce.getAndSet(false)) {
                throw new StackOverflowError("test");
              }
              batches.add(List.copyOf(batch));
            });
    lane.offer(1);
    await(() -> !failOnce.get() && lane.waiting() == 1, "the record back in the queue");
    assertTrue(batches.isEmpty(), "nothing handled, nothing acknowledged");
    lane.offer(2);
    await(() -> handled().size() == 2, "both handled after the Error");
    assertEquals(List.of(1, 2), handled());
  }

  @Test
  void withoutAnExecutorTheRecordsWait() {
    Consumer<List<Integer>> handler = batches::add;
    SagaLane<Integer> lane =
        new SagaLane<>(
            "lane",
            command -> {
              throw new RejectedExecutionException("stopping");
            },
            16,
            handler);
    lane.offer(1);
    lane.offer(2);
    assertEquals(2, lane.waiting(), "kept, unacknowledged");
    assertTrue(batches.isEmpty());
  }

  @Test
  void aBatchHoldsAtLeastOneRecord() {
    assertThrows(
        IllegalArgumentException.class, () -> new SagaLane<Integer>("lane", pool, 0, b -> {}));
  }

  private List<Integer> handled() {
    synchronized (batches) {
      return batches.stream().flatMap(List::stream).toList();
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls until the condition holds, for at most 10 s. */
  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the next poll
    }
  }
}
