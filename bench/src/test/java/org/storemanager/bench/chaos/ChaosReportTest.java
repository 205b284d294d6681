package org.storemanager.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemanager.bench.chaos.ChaosReport.Parsed;
import org.storemanager.bench.chaos.ChaosReport.Row;

/** The day's file: rows read back as written, invocations appended, totals from every row. */
class ChaosReportTest {

  static RunResult result(String fault, Double recovery, List<String> violations) {
    return new RunResult(
        0x2aL,
        fault,
        7.25,
        152,
        60,
        92,
        recovery == null ? null : 21.4,
        recovery,
        violations,
        List.of("a note"));
  }

  @Test
  void aRowReadsBackAsWritten() {
    Row row = Row.of(3, result("kill store-manager-2", 12.9, List.of()));
    assertEquals(
        "| 3 | 0x000000000000002a | kill store-manager-2 | 7.3 | 152 | 60 | 92 | 21.4 | 12.9 | 0 |",
        row.render());
    Row back = Row.parse(row.render());
    assertEquals(row.fault(), back.fault());
    assertEquals(row.seed(), back.seed());
    assertEquals(12.9, back.recoverySeconds());
    assertEquals(7.3, back.momentSeconds());

    Row never = Row.of(4, result("stop payment", null, List.of("payment did not come back")));
    Row neverBack = Row.parse(never.render());
    assertEquals(null, neverBack.recoverySeconds());
    assertEquals(null, neverBack.windowSeconds());
    assertEquals(1, neverBack.violations());
    assertEquals(null, Row.parse("|---:|---|---|"));
    assertEquals(null, Row.parse("| run | seed | fault | moment | accepted |"));
  }

  @Test
  void invocationsAppendAndTotalsCoverEveryRow(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chaos-2026-12-03.md");
    ChaosReport.append(
        file,
        "# Chaos runs, 2026-12-03\n\nheader text\n",
        "10:00 `./stack chaos --runs 2 --seed 0x1`",
        List.of(
            result("kill store-manager", 10.0, List.of()),
            result("kill payment", 20.0, List.of())));
    String text =
        ChaosReport.append(
            file,
            "ignored: the file has its header",
            "11:00 `./stack chaos --runs 2 --seed 0x2`",
            List.of(
                result(
                    "stop mariadb", 30.0, List.of("product 5: stock 3 after the run, expected 4")),
                result("kill store-manager-2", 40.0, List.of())));
    assertEquals(text, Files.readString(file));
    Parsed p = ChaosReport.parse(text);
    assertTrue(p.header().contains("header text"));
    assertEquals(4, p.rows().size());
    assertEquals(List.of(1, 2, 3, 4), p.rows().stream().map(Row::run).toList());
    assertEquals(2, p.invocations().size());
    assertTrue(p.invocations().get(1).endsWith("(runs 3 to 4)"), p.invocations().get(1));
    assertEquals(1, p.violations().size());
    assertTrue(
        p.violations()
            .get(0)
            .startsWith("run 3 (seed 0x000000000000002a, stop mariadb): product 5"),
        p.violations().get(0));
    assertEquals(4, p.notes().size());

    assertTrue(text.contains("| runs | 4 |"), text);
    assertTrue(text.contains("| runs with violations | 1 |"), text);
    assertTrue(text.contains("| violations | 1 |"), text);
    // kill service: 10, 20, 40 s -> median 20, max 40
    assertTrue(
        text.contains(
            "| kill service | 3 | 0 | 20.0 | 40.0 | kill store-manager, kill payment,"
                + " kill store-manager-2 |"),
        text);
    assertTrue(text.contains("| stop mariadb | 1 | 1 | 30.0 | 30.0 | stop mariadb |"), text);

    // Written again from its own parts, the file does not change.
    assertEquals(text, ChaosReport.render(p));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(15.0, ChaosReport.median(List.of(10.0, 20.0)));
    assertEquals(20.0, ChaosReport.median(List.of(10.0, 20.0, 40.0)));
    assertEquals(null, ChaosReport.median(List.of()));
  }
}
