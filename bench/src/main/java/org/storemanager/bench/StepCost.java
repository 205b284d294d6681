package org.storemanager.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one saga step cost, per completed order: SQL statements and commits (MariaDB's global status
 * counters, so both services' databases together), and CPU milliseconds per process of the stack
 * ({@code /proc/<pid>/stat}). Taken from just before the step's first order to the moment its last
 * order ended, so idle background work of that period (timers, heartbeats) is included: it is part
 * of what an order costs at that rate.
 */
record StepCost(
    double offeredRate,
    long orders,
    double seconds,
    Map<String, Double> statementsPerOrder,
    Map<String, Double> cpuMsPerOrder,
    double jitShare) {

  /** The statement counters read, in the order the report prints them. */
  static final Map<String, String> COUNTERS = counters();

  private static Map<String, String> counters() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("Questions", "statements");
    c.put("Com_commit", "commits");
    c.put("Com_select", "SELECT");
    c.put("Com_insert", "INSERT");
    c.put("Com_update", "UPDATE");
    c.put("Com_delete", "DELETE");
    c.put("Com_rollback", "rollbacks");
    c.put("Com_set_option", "SET");
    return c;
  }

  double statements() {
    return statementsPerOrder.getOrDefault("statements", 0.0);
  }

  double commits() {
    return statementsPerOrder.getOrDefault("commits", 0.0);
  }

  double cpuMsTotal() {
    return cpuMsPerOrder.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Percent of one core used by {@code component} during the step. */
  double corePercent(String component) {
    return seconds > 0 ? cpuMsPerOrder.getOrDefault(component, 0.0) * orders / (seconds * 10.0) : 0;
  }
}
