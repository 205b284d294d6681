package org.storemanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what the stack has spent so far: MariaDB's statement counters ({@code SHOW GLOBAL STATUS})
 * and the CPU time of each of the stack's processes ({@code utime + stime} of {@code
 * /proc/<pid>/stat}). Two snapshots around a step give its {@link StepCost}.
 *
 * <p>The processes are found by their command lines, below this checkout's {@code .stack/}: each
 * Liberty server by name, MariaDB, Redis, every Kafka broker, every gateway, and the load generator
 * itself. One JDBC connection stays open for the counters, so a snapshot adds exactly one statement
 * (subtracted).
 */
final class CostMeter implements AutoCloseable {

  /** Linux reports CPU times in clock ticks; 100 per second on every kernel we run. */
  private static final double MS_PER_TICK = 10.0;

  /**
   * Statement counters, CPU ticks per process, and the ticks of the JVMs' JIT compiler threads (all
   * processes together): what a cold JVM spends before its code is compiled.
   */
  record Snapshot(
      long nanos, Map<String, Long> counters, Map<String, Long> cpuTicks, long jitTicks) {
    Snapshot(long nanos, Map<String, Long> counters, Map<String, Long> cpuTicks) {
      this(nanos, counters, cpuTicks, 0);
    }
  }

  static final String LOAD_GENERATOR = "load generator";

  private final Connection db;
  private final Map<String, Long> processes;

  CostMeter(BenchData data, BenchConfig config) throws SQLException {
    this.db = data.db();
    this.processes = findProcesses(config);
    Benchmark.log("measuring the CPU of " + processes);
  }

  Snapshot take() {
    Map<String, Long> counters = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                    + String.join("','", StepCost.COUNTERS.keySet())
                    + "')")) {
      while (rs.next()) {
        counters.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB status counters: " + e.getMessage(), e);
    }
    Map<String, Long> ticks = new LinkedHashMap<>();
    long jit = 0;
    for (var p : processes.entrySet()) {
      ticks.put(p.getKey(), cpuTicks(p.getValue()));
      if (!p.getKey().equals(LOAD_GENERATOR)) {
        jit += jitTicks(p.getValue());
      }
    }
    return new Snapshot(System.nanoTime(), counters, ticks, jit);
  }

  /**
   * The share of the stack's CPU (the load generator's aside: a new JVM each run) spent between two
   * snapshots by JIT compiler threads.
   */
  static double jitShare(Snapshot before, Snapshot after) {
    long all = 0;
    for (var e : after.cpuTicks().entrySet()) {
      if (e.getKey().equals(LOAD_GENERATOR)) {
        continue;
      }
      all += e.getValue() - before.cpuTicks().getOrDefault(e.getKey(), e.getValue());
    }
    return all <= 0 ? 0 : (after.jitTicks() - before.jitTicks()) / (double) all;
  }

  /** CPU ticks of a JVM's compiler threads ("C1 CompilerThre", "C2 CompilerThre"), or 0. */
  static long jitTicks(long pid) {
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            sum += ticksOfStatLine(Files.readString(task.resolve("stat")));
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
    return sum;
  }

  /** The cost of what happened between two snapshots, per order. */
  static StepCost between(double rate, long orders, Snapshot before, Snapshot after) {
    long n = Math.max(1, orders);
    Map<String, Double> statements = new LinkedHashMap<>();
    StepCost.COUNTERS.forEach(
        (counter, label) -> {
          long delta =
              after.counters().getOrDefault(counter, 0L)
                  - before.counters().getOrDefault(counter, 0L);
          if (counter.equals("Questions")) {
            delta -= 1; // the SHOW GLOBAL STATUS of the second snapshot
          }
          statements.put(label, delta / (double) n);
        });
    Map<String, Double> cpu = new LinkedHashMap<>();
    after
        .cpuTicks()
        .forEach(
            (name, ticks) -> {
              long delta = ticks - before.cpuTicks().getOrDefault(name, ticks);
              cpu.put(name, Math.max(0, delta) * MS_PER_TICK / n);
            });
    return new StepCost(
        rate,
        orders,
        (after.nanos() - before.nanos()) / 1e9,
        statements,
        cpu,
        jitShare(before, after));
  }

  /** utime + stime of a process, or 0 if it is gone. */
  static long cpuTicks(long pid) {
    try {
      return ticksOfStatLine(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Fields 14 and 15 of a {@code /proc/<pid>/stat} line (the name in parentheses may hold spaces).
   */
  static long ticksOfStatLine(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // field 3 is fields[0]
  }

  /** The stack's processes by component name (sorted), found by their command lines. */
  static Map<String, Long> findProcesses(BenchConfig config) {
    String state = config.stackRoot().resolve(".stack").toString();
    String launcher = state + "/liberty/wlp/bin/tools/ws-server.jar ";
    Map<String, Long> found = new TreeMap<>();
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              String cmd = commandLine(p.pid());
              String name = componentOf(cmd, state, launcher);
              if (name != null) {
                found.merge(name, p.pid(), Math::min); // the parent if a component forks
              }
            });
    found.put(LOAD_GENERATOR, ProcessHandle.current().pid());
    return found;
  }

  static String componentOf(String cmd, String state, String launcher) {
    if (cmd.isEmpty()) {
      return null;
    }
    int at = cmd.indexOf(launcher);
    if (at >= 0) {
      String rest = cmd.substring(at + launcher.length());
      int end = rest.indexOf(' ');
      return end < 0 ? rest : rest.substring(0, end); // store-manager, store-manager-2, payment
    }
    if (cmd.contains("mariadbd") && cmd.contains(state)) {
      return "mariadb";
    }
    if (cmd.startsWith("redis-server")) {
      return "redis";
    }
    if (cmd.contains("kafka.Kafka") && cmd.contains(state)) {
      String config = cmd.substring(cmd.indexOf("kafka.Kafka") + "kafka.Kafka".length()).trim();
      Path node = Path.of(config.split(" ")[0]).getParent();
      String dir = node == null ? "kafka" : node.getFileName().toString();
      return dir.equals("kafka") ? "kafka" : "kafka (" + dir + ")"; // one broker, or node-N
    }
    if (cmd.contains("krakend") && cmd.contains(" run ")) {
      return cmd.contains("bench-krakend") ? "gateway (bench)" : "gateway";
    }
    return null;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")))
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
