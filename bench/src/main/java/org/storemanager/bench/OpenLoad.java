package org.storemanager.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open arrival model: request {@code i} is due at {@code start + i / rate}, whatever happened to
 * the requests before it (a closed loop would wait for answers and hide a slow server). Latency is
 * measured from the request's <em>intended</em> start, not from when it was actually sent, so a
 * generator that falls behind shows up in the figures instead of being silently omitted
 * (coordinated omission). Requests must be asynchronous: {@link Request#send} returns at once.
 */
public final class OpenLoad {

  /**
   * One request of the load, due at {@code intendedNanos} ({@link System#nanoTime()}); completes
   * with {@code true} if the answer was the expected one.
   */
  @FunctionalInterface
  public interface Request {
    CompletableFuture<Boolean> send(long sequence, long intendedNanos);
  }

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private OpenLoad() {}

  /**
   * Offers {@code rate} requests per second for {@code duration}, then waits up to {@code drain}
   * for the last answers (requests still open then count as unfinished).
   */
  public static LoadResult run(
      String name, double rate, Duration duration, Duration drain, Request request) {
    Histogram micros = new Histogram(HIGHEST_MICROS, 3);
    AtomicLong failed = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    double intervalNanos = 1e9 / rate;
    CompletableFuture<?>[] all = new CompletableFuture<?>[(int) count];
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + Math.round(i * intervalNanos);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      CompletableFuture<Boolean> answer;
      try {
        answer = request.send(i, due);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      all[i] =
          answer.handle(
              (ok, error) -> {
                long now = System.nanoTime();
                lastAnswer.accumulateAndGet(now, Math::max);
                if (error == null && Boolean.TRUE.equals(ok)) {
                  synchronized (micros) {
                    micros.recordValue(Math.min(HIGHEST_MICROS, (now - due) / 1000));
                  }
                } else {
                  failed.incrementAndGet();
                }
                return null;
              });
    }
    try {
      CompletableFuture.allOf(all).get(drain.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrFailure) {
      // counted below: whatever has not completed is unfinished
    }
    long unfinished = 0;
    for (CompletableFuture<?> f : all) {
      if (!f.isDone()) {
        unfinished++;
        f.cancel(false);
      }
    }
    double seconds = Math.max(lastAnswer.get() - start, duration.toNanos()) / 1e9;
    synchronized (micros) {
      return LoadResult.of(name, rate, count, failed.get(), unfinished, seconds, micros.copy());
    }
  }
}
