package org.storemanager.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.storemanager.bench.StoreClient;

/**
 * {@code ./stack chaos [--runs N] [--seed S]}: N runs against the stack that is up, each with one
 * fault drawn from its seed, then the day's result file ({@code bench/results/chaos-<date>.md}) and
 * exit code 1 if any invariant was violated. Run 0 uses the base seed, each next run a seed derived
 * from the one before; every seed is printed, and {@code --seed <it> --runs 1} replays that run's
 * decisions.
 */
public final class ChaosHarness {

  private ChaosHarness() {}

  public static void main(String[] args) throws Exception {
    int runs = 1;
    Long base = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--seed" -> base = Seeds.parse(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1");
      }
    } catch (RuntimeException e) {
      System.err.println("usage: ./stack chaos [--runs N] [--seed S]  (" + e.getMessage() + ")");
      System.exit(2);
      return;
    }
    long seed = base != null ? base : new SecureRandom().nextLong();
    System.exit(run(ChaosConfig.fromEnvironment(), runs, seed) ? 0 : 1);
  }

  /** Runs them all and writes the file; true if no run found a violation. */
  static boolean run(ChaosConfig config, int runs, long baseSeed) throws IOException {
    String command = "./stack chaos --runs " + runs + " --seed " + Seeds.format(baseSeed);
    log("chaos: base seed " + Seeds.format(baseSeed) + ", " + runs + " run(s): " + command);
    LocalDate today = LocalDate.now();
    StackCommand stack =
        new StackCommand(
            config.stackRoot(), config.logDir().resolve("chaos-" + today + "-stack.log"));
    List<RunResult> results = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    Path file = config.outputDir().resolve("chaos-" + today + ".md");
    String invocation =
        LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm"))
            + " `"
            + command
            + "`: "
            + String.format(Locale.ROOT, "%.0f", config.orderRate())
            + " orders/s for "
            + config.loadDuration().toSeconds()
            + " s, "
            + config.kafkaBrokers()
            + " Kafka broker(s), saga deadline "
            + config.sagaDeadline().toSeconds()
            + " s, payment limit "
            + config.paymentMaxAmount();
    String text = "";
    try (StoreClient store = new StoreClient(config.storeUrl(), config.token());
        StoreClient payments = new StoreClient(config.paymentsUrl(), "")) {
      long seed = baseSeed;
      for (int i = 0; i < runs; i++) {
        log("run " + (i + 1) + " of " + runs + ", seed " + Seeds.format(seed));
        ChaosRun run = new ChaosRun(config, seed, stack, store, payments);
        RunResult result = run.run();
        results.add(result);
        seeds.add(seed);
        log(
            String.format(
                Locale.ROOT,
                "run %d (seed %s, %s): %d accepted, %d completed, %d cancelled, window %s s,"
                    + " recovery %s s, %d violation(s)",
                i + 1,
                Seeds.format(seed),
                result.fault(),
                result.accepted(),
                result.completed(),
                result.cancelled(),
                ChaosReport.number(result.windowSeconds()),
                ChaosReport.number(result.recoverySeconds()),
                result.violations().size()));
        result.violations().forEach(v -> System.out.println("    VIOLATION " + v));
        // After every run: a series cut short keeps the rows of the runs it made.
        text = ChaosReport.append(file, header(today), i == 0 ? invocation : null, List.of(result));
        if (result.windowSeconds() == null && !restore(stack, run.plan().fault())) {
          log("stopping: " + run.plan().fault().target() + " cannot be brought back");
          break;
        }
        seed = Seeds.next(seed);
      }
    }
    System.out.println();
    System.out.println(text);
    log("results written to " + file + "; ./stack commands logged in " + stack.log());
    for (int i = 0; i < seeds.size(); i++) {
      log(
          "  run "
              + (i + 1)
              + ": seed "
              + Seeds.format(seeds.get(i))
              + ", "
              + results.get(i).fault());
    }
    int violations = results.stream().mapToInt(r -> r.violations().size()).sum();
    log(
        "chaos: base seed "
            + Seeds.format(baseSeed)
            + "; "
            + violations
            + " violation(s) in "
            + results.size()
            + " run(s)");
    return violations == 0;
  }

  /** A component that never came back gets one more start before the next run. */
  private static boolean restore(StackCommand stack, Fault fault) {
    if (fault.restoreCommand().isEmpty()) {
      return true;
    }
    return stack.run(fault.restoreCommand()).ok();
  }

  static String header(LocalDate day) {
    return "# Chaos runs, "
        + day
        + "\n\n"
        + "Written by `./stack chaos [--runs N] [--seed S]` ([docs/chaos.md](../../docs/chaos.md));"
        + " several invocations of a day append their runs here, and the totals are recomputed"
        + " from every row.\n\n"
        + "A run creates its own user and four products with small stocks (55 to 80 % of what its"
        + " orders ask for; one priced at 60 % of the payment limit, so that two units exceed it"
        + " and the saga compensates), places orders at a fixed rate through the gateway (open"
        + " model; about 10 % sent twice with one Idempotency-Key), pays about half of the"
        + " completed orders through their payment_link, publishes a few of its saga records a"
        + " second time, and injects one fault drawn from its seed at a random moment of the load"
        + " (kill -9 or stop of a service, kill -9 of a Kafka broker, a MariaDB or Redis restart,"
        + " a Redis FLUSHALL). Then it waits until every order has ended and checks the invariants"
        + " on MariaDB and Redis: every order final in time, stock arithmetic, one payment per"
        + " completed order and none paid for a cancelled one, each saga step once, read models"
        + " and reports equal to SQL, no 5xx outside the fault window.\n\n"
        + "Machine: "
        + machine()
        + ". Replay one run: `./stack chaos --seed <its seed> --runs 1` (same decisions; the"
        + " system's timing is its own).\n";
  }

  /** Cores, CPU model, memory, OS and Java, as far as /proc tells. */
  static String machine() {
    String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    String memory =
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> v.replaceAll("[^0-9]", ""))
            .filter(v -> !v.isEmpty())
            .map(kb -> String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(kb) / 1048576.0))
            .orElse("? GiB");
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + "), "
        + memory
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + ", Java "
        + System.getProperty("java.version")
        + "; the stack and the harness share it";
  }

  private static Optional<String> firstValue(Path file, String key) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void log(String message) {
    System.out.println(
        LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + message);
  }
}
