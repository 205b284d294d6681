package org.storemanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * Runs the quick benchmark against the stack and checks that its result file is well formed: every
 * section, a row per step with numbers, the plots, and no benchmark data left behind. Speed is not
 * judged here (that is what the result file is for), only that the benchmark measures something
 * real: at the lowest rate every order completes.
 */
class BenchQuickModeIT {

  private static final String NUMBER = "[0-9]+(?:\\.[0-9]+)?";

  @Test
  void quickModeWritesAWellFormedResultFile() throws Exception {
    if (System.getProperty("store.token") == null) {
      System.setProperty("store.token", DevTokens.of(Roles.MANAGER));
    }
    // This test checks the file, not speed, and the test command must stay short: two warm-up
    // rounds, not up to eight (JVMs that are still compiling only slow it down), the saga's two
    // lowest steps only (a step the stack cannot keep up with leaves a backlog that the test would
    // wait for before the read paths), and a burst of 500 outbox rows, not 2000 (the relay
    // measurement waits until every saga of the burst has ended).
    System.setProperty("bench.warm.up.rounds", "2");
    System.setProperty("bench.saga.rates", "10,20");
    System.setProperty("bench.outbox.rows", "500");
    BenchConfig config = BenchConfig.fromEnvironment(BenchConfig.Mode.QUICK);
    Path file = Benchmark.run(config);

    assertEquals(config.outputDir().resolve(LocalDate.now() + "-quick.md"), file);
    String md = Files.readString(file);
    for (String heading :
        List.of(
            "## 1. Saga",
            "## 2. Read paths",
            "## 3. Growth",
            "## 4. Outbox relay",
            "## 5. Start-up")) {
      assertTrue(md.contains(heading), "missing section " + heading + " in\n" + md);
    }

    // Saga: what each order cost, per step (statements and commits from MariaDB's counters).
    assertTrue(md.contains("| offered (orders/s) | orders | statements | commits |"), md);

    // Saga: one row per step, starting at 10 orders/s, where every order completed.
    List<String[]> saga =
        rows(
            md,
            "^\\| ("
                + NUMBER
                + ") \\| ([0-9]+) \\| ([0-9]+) \\| ([0-9]+) \\| ([0-9]+) \\| .* \\|"
                + " (yes|\\*\\*no\\*\\*) \\|$");
    assertTrue(!saga.isEmpty(), "no saga rows in\n" + md);
    String[] first = saga.get(0);
    assertEquals("10", first[1]);
    assertEquals(first[2], first[3], "at 10 orders/s every order must complete: " + first[0]);
    assertEquals("0", first[4], first[0]);
    assertEquals("0", first[5], first[0]);
    assertTrue(
        md.matches(
            "(?s).*\\*\\*Highest rate sustained for 10 s with p99 < 250 ms: [0-9]+ orders/s\\*\\*.*"));

    // Read paths: three endpoints at 500 and 1000 requests/s, all answered.
    for (String endpoint : List.of("GET /stocks/{id}", "GraphQL stockLevel", "GET /orders/{id}")) {
      for (String rate : List.of("500", "1000")) {
        String row = "| " + endpoint + " | " + rate + " | ";
        assertTrue(md.contains(row), "missing read-path row " + row + " in\n" + md);
      }
    }

    // Growth: both sizes, three endpoints each, and the flatness verdict.
    List<String[]> growth =
        rows(
            md,
            "\\| ([0-9]+) \\| "
                + NUMBER
                + " \\| "
                + NUMBER
                + " \\| (/[a-z/-]+) \\| .*\\| ([0-9]+) \\|");
    assertEquals(6, growth.size(), "growth rows in\n" + md);
    assertTrue(Long.parseLong(growth.get(3)[1]) >= 10_000, "the second size holds 10k orders");
    growth.forEach(r -> assertEquals("0", r[3], "failed requests: " + r[0]));
    assertTrue(md.contains("| /orders/reports/highest-spenders | "));

    // Outbox: the burst's rows all relayed, every saga ended.
    assertTrue(md.matches("(?s).*\\| pending outbox rows \\| 500 \\|.*"), md);
    assertTrue(
        md.matches("(?s).*\\*\\*relay throughput\\*\\* \\| \\*\\*[0-9]+ events/s\\*\\*.*"), md);
    assertTrue(md.matches("(?s).*\\(" + NUMBER + " sagas/s; 500 completed, 0 cancelled\\).*"), md);

    // Start-up: the three components of ./stack up.
    for (String component : List.of("kafka", "store-manager", "payment")) {
      assertTrue(md.contains("| " + component + " | "), "start-up row " + component);
    }

    // The plots: real PNGs of the chart's size, referenced by the file.
    for (String plot : List.of("-quick-saga.png", "-quick-reads.png")) {
      Path png = config.outputDir().resolve(LocalDate.now() + plot);
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(900, image.getWidth(), png.toString());
      assertEquals(560, image.getHeight(), png.toString());
      assertTrue(md.contains("(" + png.getFileName() + ")"), "plot not linked: " + png);
    }

    // Clean-up: no benchmark user, product or order is left.
    try (StoreClient store = new StoreClient(config.storeUrl(), config.token());
        BenchData data = new BenchData(config, store)) {
      assertEquals(0, data.count("SELECT COUNT(*) FROM users WHERE email LIKE '%@bench.invalid'"));
      assertEquals(0, data.count("SELECT COUNT(*) FROM products WHERE sku LIKE 'BENCH-%'"));
    }
  }

  private static List<String[]> rows(String md, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(md);
    List<String[]> rows = new java.util.ArrayList<>();
    while (m.find()) {
      String[] groups = new String[m.groupCount() + 1];
      for (int i = 0; i <= m.groupCount(); i++) {
        groups[i] = m.group(i);
      }
      rows.add(groups);
    }
    return rows;
  }
}
