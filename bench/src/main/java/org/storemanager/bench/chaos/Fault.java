package org.storemanager.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The one fault of a run: what is done to which component, when (milliseconds into the load) and
 * for how long it stays down before {@code ./stack start} brings it back.
 */
record Fault(Action action, String target, long momentMs, long downMs) {

  enum Action {
    KILL("kill"),
    STOP("stop"),
    FLUSHALL("flushall");

    final String word;

    Action(String word) {
      this.word = word;
    }
  }

  static final List<String> SERVICES = List.of("store-manager", "store-manager-2", "payment");

  /**
   * Draws a fault: first its class (a service, a broker, MariaDB, a Redis restart, a Redis
   * FLUSHALL: equally likely, so that the six service variants do not crowd out the rest), then its
   * details.
   */
  static Fault choose(Random random, int brokers, Duration load) {
    long loadMs = load.toMillis();
    // Not in the first second (the load has to be running) nor in the last three (some load must
    // meet the system after the fault).
    long earliest = Math.min(1000, loadMs / 4);
    long latest = Math.max(earliest, loadMs - 3000);
    long moment = earliest + (long) (random.nextDouble() * (latest - earliest));
    long down = 2000 + random.nextInt(6001); // a few seconds: 2 to 8
    return switch (random.nextInt(5)) {
      case 0 ->
          new Fault(
              random.nextBoolean() ? Action.KILL : Action.STOP,
              SERVICES.get(random.nextInt(SERVICES.size())),
              moment,
              down);
      case 1 ->
          // Three brokers: one of the two that are not the first, so a quorum always remains.
          new Fault(
              Action.KILL,
              brokers >= 3 ? "kafka-" + (2 + random.nextInt(2)) : "kafka",
              moment,
              down);
      case 2 ->
          new Fault(random.nextBoolean() ? Action.KILL : Action.STOP, "mariadb", moment, down);
      case 3 -> new Fault(Action.KILL, "redis", moment, down);
      default -> new Fault(Action.FLUSHALL, "redis", moment, 0);
    };
  }

  /** As in the report: {@code kill store-manager-2}, {@code flushall redis}. */
  String describe() {
    return action.word + " " + target;
  }

  String faultClass() {
    return classOf(describe());
  }

  /**
   * The class of a described fault, for the totals: the target's kind rather than its instance
   * ({@code kill store-manager-2} is a {@code kill service}, {@code kill kafka-3} a {@code kill
   * broker}).
   */
  static String classOf(String description) {
    String[] words = description.trim().split("\\s+", 2);
    if (words.length < 2) {
      return description.trim();
    }
    String target = words[1];
    String kind =
        SERVICES.contains(target) ? "service" : target.startsWith("kafka") ? "broker" : target;
    return words[0] + " " + kind;
  }

  /** The {@code ./stack} arguments that inject it; empty for a FLUSHALL (done over Redis). */
  List<String> injectCommand() {
    return action == Action.FLUSHALL ? List.of() : List.of(action.word, target);
  }

  /** The {@code ./stack} arguments that bring the component back; empty if nothing went down. */
  List<String> restoreCommand() {
    return action == Action.FLUSHALL ? List.of() : List.of("start", target);
  }
}
