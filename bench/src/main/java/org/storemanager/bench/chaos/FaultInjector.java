package org.storemanager.bench.chaos;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.storemanager.bench.chaos.Facts.FaultWindow;

/**
 * Injects the run's fault at its moment, on a thread of its own, and records its window: from the
 * injection until the component is back (the {@code ./stack start} command returned, which waits
 * until it is ready). A FLUSHALL has nothing to bring back: its window is the command itself.
 */
final class FaultInjector {

  private final Fault fault;
  private final StackCommand stack;
  private final String redisUri;
  private final RunClock clock;

  FaultInjector(Fault fault, StackCommand stack, String redisUri, RunClock clock) {
    this.fault = fault;
    this.stack = stack;
    this.redisUri = redisUri;
    this.clock = clock;
  }

  /** Starts the thread; the future completes with the window once the component is back. */
  CompletableFuture<FaultWindow> start() {
    CompletableFuture<FaultWindow> window = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                window.complete(inject());
              } catch (RuntimeException e) {
                window.complete(
                    new FaultWindow(fault.momentMs(), null, null, "fault injection failed: " + e));
              }
            },
            "chaos-fault");
    thread.setDaemon(true);
    thread.start();
    return window;
  }

  private FaultWindow inject() {
    waitUntil(fault.momentMs());
    long start = clock.now();
    stack.note("fault at " + start + " ms into the load: " + fault.describe());
    if (fault.action() == Fault.Action.FLUSHALL) {
      return flushAll(start);
    }
    StackCommand.Result injected = stack.run(fault.injectCommand());
    long down = clock.now();
    String problem = injected.ok() ? null : "fault not injected: " + injected.describe();
    // The component stays down for the planned few seconds: the point is an outage, not a wait.
    LockSupport.parkNanos(Duration.ofMillis(fault.downMs()).toNanos());
    StackCommand.Result restored = stack.run(fault.restoreCommand());
    if (!restored.ok()) {
      String notBack = fault.target() + " did not come back: " + restored.describe();
      // Not injected: the component presumably never went down, so the window ends here.
      return problem == null
          ? new FaultWindow(start, down, null, notBack)
          : new FaultWindow(start, down, clock.now(), problem + "; " + notBack);
    }
    return new FaultWindow(start, down, clock.now(), problem);
  }

  private FaultWindow flushAll(long start) {
    RedisClient client = RedisClient.create(redisUri);
    client.setDefaultTimeout(Duration.ofSeconds(10));
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      String answer = redis.sync().flushall();
      stack.note("  -> FLUSHALL: " + answer);
      long end = clock.now();
      return new FaultWindow(start, end, end, null);
    } catch (RuntimeException e) {
      stack.note("  -> FLUSHALL failed: " + e);
      return new FaultWindow(start, null, clock.now(), "fault not injected: FLUSHALL failed: " + e);
    } finally {
      client.shutdown();
    }
  }

  private void waitUntil(long ms) {
    long due = clock.nanosAt(ms);
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }
}
