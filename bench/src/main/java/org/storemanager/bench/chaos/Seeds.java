package org.storemanager.bench.chaos;

import java.util.Locale;
import java.util.Random;

/**
 * Seeds of runs and of their random streams. Run 0 uses the base seed itself and run {@code i + 1}
 * the mix of run {@code i}'s, so {@code --seed <seed of run i> --runs 1} replays run i. Each kind
 * of decision (data, load, fault, ...) draws from its own stream, so that changing one (more
 * orders, say) does not move the others.
 */
final class Seeds {

  private Seeds() {}

  /** The seed of the run after the one seeded {@code seed}. */
  static long next(long seed) {
    return mix(seed + 0x9E3779B97F4A7C15L);
  }

  /** An independent random stream of the run seeded {@code seed}, one per {@code stream}. */
  static Random stream(long seed, int stream) {
    return new Random(mix(seed ^ mix(0xC0FFEEL + stream)));
  }

  /** A well-spread 64-bit hash (SplitMix64's finalizer). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** How seeds are printed: 0x and 16 hex digits. */
  static String format(long seed) {
    return String.format(Locale.ROOT, "0x%016x", seed);
  }

  /** Reads a seed as printed ({@code 0x...}) or as a decimal number. */
  static long parse(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Long.parseUnsignedLong(t.substring(2), 16);
    }
    return Long.parseLong(t);
  }
}
