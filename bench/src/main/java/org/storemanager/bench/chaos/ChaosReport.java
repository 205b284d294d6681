package org.storemanager.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The day's result file, {@code bench/results/chaos-<yyyy-mm-dd>.md}: a header, the invocations,
 * one table row per run, totals, then the violation and note lines. Several invocations a day
 * append to it: the file is parsed back (rows, lines) and written again with totals computed from
 * all its rows, so the rows are the only source of the totals.
 */
final class ChaosReport {

  static final String INVOCATIONS = "## Invocations";
  static final String RUNS = "## Runs";
  static final String TOTALS = "## Totals";
  static final String VIOLATIONS = "## Violations";
  static final String NOTES = "## Notes";

  private static final String DASH = "—";

  /** One row of the runs table. */
  record Row(
      int run,
      String seed,
      String fault,
      Double momentSeconds,
      int accepted,
      int completed,
      int cancelled,
      Double windowSeconds,
      Double recoverySeconds,
      int violations) {

    static Row of(int run, RunResult r) {
      return new Row(
          run,
          Seeds.format(r.seed()),
          r.fault(),
          r.momentSeconds(),
          r.accepted(),
          r.completed(),
          r.cancelled(),
          r.windowSeconds(),
          r.recoverySeconds(),
          r.violations().size());
    }

    String render() {
      return "| "
          + String.join(
              " | ",
              Integer.toString(run),
              seed,
              fault,
              number(momentSeconds),
              Integer.toString(accepted),
              Integer.toString(completed),
              Integer.toString(cancelled),
              number(windowSeconds),
              number(recoverySeconds),
              Integer.toString(violations))
          + " |";
    }

    /** A rendered row, or null if the line is not one. */
    static Row parse(String line) {
      String t = line.trim();
      if (!t.startsWith("|") || !t.endsWith("|")) {
        return null;
      }
      String[] cells = t.substring(1, t.length() - 1).split("\\|", -1);
      if (cells.length != 10 || !cells[0].trim().matches("[0-9]+")) {
        return null;
      }
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].trim();
      }
      return new Row(
          Integer.parseInt(cells[0]),
          cells[1],
          cells[2],
          parseNumber(cells[3]),
          Integer.parseInt(cells[4]),
          Integer.parseInt(cells[5]),
          Integer.parseInt(cells[6]),
          parseNumber(cells[7]),
          parseNumber(cells[8]),
          Integer.parseInt(cells[9]));
    }
  }

  /** The parts of a result file. */
  record Parsed(
      String header,
      List<String> invocations,
      List<Row> rows,
      List<String> violations,
      List<String> notes) {}

  private ChaosReport() {}

  /**
   * Appends an invocation and its runs to the file (creating it with {@code header} if needed) and
   * rewrites it with the totals of every row; returns the file's new text.
   */
  /**
   * Adds {@code results} to the day's file; {@code invocation} null: they continue the file's last
   * invocation (the harness writes after every run, so a series cut short keeps its rows).
   */
  static String append(Path file, String header, String invocation, List<RunResult> results)
      throws IOException {
    Parsed old =
        Files.exists(file)
            ? parse(Files.readString(file))
            : new Parsed(header, List.of(), List.of(), List.of(), List.of());
    List<String> invocations = new ArrayList<>(old.invocations());
    List<Row> rows = new ArrayList<>(old.rows());
    List<String> violations = new ArrayList<>(old.violations());
    List<String> notes = new ArrayList<>(old.notes());
    int next = rows.stream().mapToInt(Row::run).max().orElse(0) + 1;
    int last = next + results.size() - 1;
    if (invocation != null || invocations.isEmpty()) {
      invocations.add(invocation + " (runs " + next + " to " + last + ")");
    } else { // the same invocation goes on: its range grows
      String previous = invocations.remove(invocations.size() - 1);
      invocations.add(previous.replaceFirst(" to \\d+\\)$", " to " + last + ")"));
    }
    for (RunResult r : results) {
      Row row = Row.of(next, r);
      rows.add(row);
      String who = "run " + next + " (seed " + row.seed() + ", " + r.fault() + ")";
      r.violations().forEach(v -> violations.add(who + ": " + oneLine(v)));
      r.notes().forEach(n -> notes.add(who + ": " + oneLine(n)));
      next++;
    }
    String text = render(new Parsed(old.header(), invocations, rows, violations, notes));
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return text;
  }

  static String render(Parsed p) {
    StringBuilder md = new StringBuilder(p.header().strip()).append("\n\n");
    md.append(INVOCATIONS).append("\n\n");
    p.invocations().forEach(i -> md.append("- ").append(i).append('\n'));
    md.append('\n').append(RUNS).append("\n\n");
    md.append(
        "Times in seconds. Moment: when the fault was injected, into the load. Fault window: from"
            + " the injection until the component was back (its `./stack start` returned)."
            + " Recovery: from the end of the window until the last order of the run was final."
            + " A dash: never (see the violations).\n\n");
    md.append(
        "| run | seed | fault | moment | accepted | completed | cancelled | fault window"
            + " | recovery | violations |\n");
    md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    p.rows().forEach(r -> md.append(r.render()).append('\n'));
    md.append('\n').append(TOTALS).append("\n\n").append(totals(p.rows()));
    md.append('\n').append(VIOLATIONS).append("\n\n");
    if (p.violations().isEmpty()) {
      md.append("None.\n");
    }
    p.violations().forEach(v -> md.append("- ").append(v).append('\n'));
    md.append('\n').append(NOTES).append("\n\n");
    if (p.notes().isEmpty()) {
      md.append("None.\n");
    }
    p.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    return md.toString();
  }

  static Parsed parse(String markdown) {
    StringBuilder header = new StringBuilder();
    List<String> invocations = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String section = "";
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("## ")) {
        section = line.trim();
        continue;
      }
      switch (section) {
        case "" -> header.append(line).append('\n');
        case INVOCATIONS -> item(line, invocations);
        case RUNS -> {
          Row row = Row.parse(line);
          if (row != null) {
            rows.add(row);
          }
        }
        case VIOLATIONS -> item(line, violations);
        case NOTES -> item(line, notes);
        default -> {
          // Totals: recomputed, never read back.
        }
      }
    }
    return new Parsed(header.toString(), invocations, rows, violations, notes);
  }

  /** Totals over the rows: runs, violations, and per fault class its runs and recovery times. */
  static String totals(List<Row> rows) {
    int violations = rows.stream().mapToInt(Row::violations).sum();
    long failing = rows.stream().filter(r -> r.violations() > 0).count();
    StringBuilder md = new StringBuilder();
    md.append("| | |\n|---|---:|\n");
    md.append("| runs | ").append(rows.size()).append(" |\n");
    md.append("| runs with violations | ").append(failing).append(" |\n");
    md.append("| violations | ").append(violations).append(" |\n\n");
    Map<String, List<Row>> byClass = new TreeMap<>();
    for (Row r : rows) {
      byClass.computeIfAbsent(Fault.classOf(r.fault()), k -> new ArrayList<>()).add(r);
    }
    md.append(
        "| fault class | runs | violations | recovery median | recovery max | faults |\n"
            + "|---|---:|---:|---:|---:|---|\n");
    for (var c : byClass.entrySet()) {
      List<Double> recoveries =
          c.getValue().stream().map(Row::recoverySeconds).filter(v -> v != null).sorted().toList();
      Map<String, Integer> faults = new LinkedHashMap<>();
      c.getValue().forEach(r -> faults.merge(r.fault(), 1, Integer::sum));
      List<String> named = new ArrayList<>();
      faults.forEach((f, n) -> named.add(n > 1 ? f + " x" + n : f));
      md.append("| ")
          .append(c.getKey())
          .append(" | ")
          .append(c.getValue().size())
          .append(" | ")
          .append(c.getValue().stream().mapToInt(Row::violations).sum())
          .append(" | ")
          .append(number(median(recoveries)))
          .append(" | ")
          .append(number(recoveries.isEmpty() ? null : recoveries.get(recoveries.size() - 1)))
          .append(" | ")
          .append(String.join(", ", named))
          .append(" |\n");
    }
    return md.toString();
  }

  static Double median(List<Double> sorted) {
    if (sorted.isEmpty()) {
      return null;
    }
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }

  private static void item(String line, List<String> into) {
    if (line.startsWith("- ")) {
      into.add(line.substring(2));
    }
  }

  static String number(Double value) {
    return value == null ? DASH : String.format(Locale.ROOT, "%.1f", value);
  }

  static Double parseNumber(String cell) {
    return cell.isEmpty() || cell.equals(DASH) || cell.equals("-") ? null : Double.valueOf(cell);
  }
}
