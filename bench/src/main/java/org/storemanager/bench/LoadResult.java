package org.storemanager.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one load step: latencies of the successful requests (milliseconds, measured from
 * each request's intended start) and how much of the offered load was served.
 */
public record LoadResult(
    String name,
    double offeredRate,
    long sent,
    long succeeded,
    long failed,
    long unfinished,
    double achievedRate,
    double p50,
    double p95,
    double p99,
    double max) {

  static LoadResult of(
      String name,
      double offeredRate,
      long sent,
      long failed,
      long unfinished,
      double seconds,
      Histogram micros) {
    long ok = micros.getTotalCount();
    return new LoadResult(
        name,
        offeredRate,
        sent,
        ok,
        failed,
        unfinished,
        seconds > 0 ? ok / seconds : 0,
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(95)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getMaxValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** Every request answered as expected, and the answers kept pace with the offered rate. */
  public boolean keptUp() {
    return failed == 0 && unfinished == 0 && achievedRate >= 0.95 * offeredRate;
  }
}
