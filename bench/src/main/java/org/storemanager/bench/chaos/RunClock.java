package org.storemanager.bench.chaos;

/** Milliseconds since the load of the run started: every time the harness records is on it. */
final class RunClock {

  private volatile long t0 = System.nanoTime();

  /**
   * Sets zero to now: called when the load starts, after the parts that record times (and take a
   * moment to open their connections) exist.
   */
  void restart() {
    t0 = System.nanoTime();
  }

  long now() {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** The {@link System#nanoTime()} of a moment on this clock (to schedule against it). */
  long nanosAt(long ms) {
    return t0 + ms * 1_000_000;
  }
}
