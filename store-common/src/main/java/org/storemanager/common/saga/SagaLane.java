package org.storemanager.common.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer lane's records, waiting to be handled, and the task that handles them: in the order
 * they arrived, by at most one task at a time, and in batches of at most {@code maxBatch}. A batch
 * is everything that waited while the previous one was handled, so at low rates a batch holds one
 * record and nothing waits for company; when the lane is busy, the records that piled up share one
 * transaction ({@link SagaEventDispatcher#dispatchAll}).
 *
 * <p>The records of one partition reach one lane, in their order, and this lane keeps it: each
 * order's events are still handled one after the other.
 *
 * <p>No thread of its own: {@link #offer} starts a task on the executor when none runs, and the
 * task ends when nothing waits. If the handler is interrupted (the server stopping), the batch goes
 * back to the head of the queue, unacknowledged, and the task ends: the next offer, if any, handles
 * it first; otherwise Kafka delivers it again after the restart. The same for any failure the
 * handler did not handle itself, an {@code Error} included (StackOverflowError, LinkageError,
 * OutOfMemoryError): the batch is put back and logged, so no record taken from the queue is ever
 * left neither put back nor acknowledged.
 *
 * @param <R> a record (a Reactive Messaging message; a plain value in unit tests)
 */
final class SagaLane<R> {

  private static final Logger LOG = Logger.getLogger(SagaLane.class.getName());

  private final String name;
  private final Executor executor;
  private final int maxBatch;
  private final Consumer<List<R>> handler;
  private final ConcurrentLinkedDeque<R> waiting = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong offers = new AtomicLong();

  /**
   * @param handler handles a batch and acknowledges its records; throws {@link
   *     SagaEventDispatcher.DispatchInterrupted} if it was interrupted before it was done
   */
  SagaLane(String name, Executor executor, int maxBatch, Consumer<List<R>> handler) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("a batch holds at least one record: " + maxBatch);
    }
    this.name = name;
    this.executor = executor;
    this.maxBatch = maxBatch;
    this.handler = handler;
  }

  /** Queues a record; a task handles it soon, after those already waiting. */
  void offer(R record) {
    waiting.addLast(record);
    offers.incrementAndGet();
    startDrainingIfIdle();
  }

  /** Records received and not handled yet (those of the batch being handled excluded). */
  int waiting() {
    return waiting.size();
  }

  private void startDrainingIfIdle() {
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        draining.set(false); // the server is stopping: the records stay unacknowledged
        LOG.warning(() -> name + ": no thread to handle " + waiting.size() + " records: " + e);
      }
    }
  }

  private void drain() {
    long offersAtFailure = -1;
    try {
      for (List<R> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
        offersAtFailure = handle(batch);
        if (offersAtFailure >= 0) {
          break;
        }
      }
    } finally {
      draining.set(false);
    }
    // After a failure, only a later offer starts a task again (not the records put back); otherwise
    // a record offered between the last poll and the flag's reset would be left waiting.
    if (offersAtFailure >= 0 ? offers.get() != offersAtFailure : !waiting.isEmpty()) {
      startDrainingIfIdle();
    }
  }

  /**
   * Handles a batch. Returns -1 if it was handled; otherwise the batch is back in the queue and the
   * result is the number of offers when it failed.
   */
  private long handle(List<R> batch) {
    try {
      handler.accept(batch);
      return -1;
    } catch (SagaEventDispatcher.DispatchInterrupted e) {
      long offersNow = offers.get();
      putBack(batch);
      LOG.info(() -> name + ": interrupted, " + batch.size() + " records back in the queue");
      return offersNow;
    } catch (RuntimeException | Error e) {
      // The handler places every record (handled, skipped or dead-lettered) and throws only when
      // even that failed (the dead-letter topic itself raised an Error): the records go back and
      // are tried again at the next offer, never dropped, never left out of the queue.
      long offersNow = offers.get();
      putBack(batch);
      LOG.log(Level.SEVERE, name + ": " + batch.size() + " records back in the queue", e);
      return offersNow;
    }
  }

  private void putBack(List<R> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      waiting.addFirst(batch.get(i));
    }
  }

  private List<R> nextBatch() {
    List<R> batch = new ArrayList<>(Math.min(maxBatch, 16));
    R record;
    while (batch.size() < maxBatch && (record = waiting.pollFirst()) != null) {
      batch.add(record);
    }
    return batch;
  }
}
