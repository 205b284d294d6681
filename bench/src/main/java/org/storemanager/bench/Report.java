package org.storemanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes the results: a Markdown table file, the PNG plots, and the same tables on stdout. */
final class Report {

  /** Everything one run measured. */
  record Results(
      BenchConfig config,
      ZonedDateTime started,
      double minutes,
      List<GrowthScenario.Size> growth,
      List<LoadResult> saga,
      List<LoadResult> sagaEventSeen,
      List<StepCost> sagaCosts,
      List<LoadResult> reads,
      OutboxScenario.Result outbox,
      List<StartupReport.Startup> startup) {}

  private Report() {}

  static String describe(StepCost c) {
    return String.format(
        Locale.ROOT,
        "per order: %.1f statements, %.2f commits, %.1f ms CPU (JIT %.0f %%)",
        c.statements(),
        c.commits(),
        c.cpuMsTotal(),
        100 * c.jitShare());
  }

  /**
   * Per saga step: SQL statements by kind and commits per completed order, then CPU milliseconds
   * per order by process, with each process's share of one core.
   */
  static void costTables(StringBuilder md, List<StepCost> costs) {
    if (costs.isEmpty()) {
      return;
    }
    md.append(
        "What each completed order cost, per step: SQL statements from MariaDB's global status"
            + " counters (`Questions`, `Com_*`; both services' databases), from just before the"
            + " step's first order to its last order's end, divided by the orders completed.\n\n");
    md.append("| offered (orders/s) | orders |");
    StepCost.COUNTERS.values().forEach(label -> md.append(' ').append(label).append(" |"));
    md.append("\n|---:|---:|");
    StepCost.COUNTERS.values().forEach(label -> md.append("---:|"));
    md.append("\n");
    for (StepCost c : costs) {
      md.append(String.format(Locale.ROOT, "| %.0f | %d |", c.offeredRate(), c.orders()));
      c.statementsPerOrder()
          .values()
          .forEach(v -> md.append(String.format(Locale.ROOT, " %.1f |", v)));
      md.append("\n");
    }
    md.append(
        "\nCPU per completed order, in ms, by process (`utime + stime` of `/proc/<pid>/stat`),"
            + " with its share of one core during the step in parentheses. *JIT*: the share of"
            + " the services' CPU (the load generator aside) spent by the JVMs' compiler threads"
            + " (high while a JVM is cold).\n\n");
    var components = costs.get(0).cpuMsPerOrder().keySet();
    md.append("| offered (orders/s) |");
    components.forEach(name -> md.append(' ').append(name).append(" |"));
    md.append(" **total** | JIT |\n|---:|");
    components.forEach(name -> md.append("---:|"));
    md.append("---:|---:|\n");
    for (StepCost c : costs) {
      md.append(String.format(Locale.ROOT, "| %.0f |", c.offeredRate()));
      for (String name : components) {
        md.append(
            String.format(
                Locale.ROOT,
                " %.2f (%.0f %%) |",
                c.cpuMsPerOrder().getOrDefault(name, 0.0),
                c.corePercent(name)));
      }
      md.append(
          String.format(
              Locale.ROOT, " **%.2f** | %.0f %% |%n", c.cpuMsTotal(), 100 * c.jitShare()));
    }
    md.append("\n");
  }

  static String describe(LoadResult r) {
    return String.format(
        Locale.ROOT,
        "%-34s offered %6.0f/s achieved %7.1f/s  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %8.2f ms"
            + "  failed %d unfinished %d",
        r.name(),
        r.offeredRate(),
        r.achievedRate(),
        r.p50(),
        r.p95(),
        r.p99(),
        r.max(),
        r.failed(),
        r.unfinished());
  }

  /** Writes {@code <date>-<mode>.md} and its plots into the output directory; returns the file. */
  static Path write(Results results) throws IOException {
    BenchConfig config = results.config();
    Files.createDirectories(config.outputDir());
    String base =
        results.started().format(DateTimeFormatter.ISO_LOCAL_DATE)
            + "-"
            + config.mode().name().toLowerCase(Locale.ROOT);
    String sagaPlot = base + "-saga.png";
    String readPlot = base + "-reads.png";
    plotSaga(results.saga(), config.outputDir().resolve(sagaPlot));
    plotReads(results.reads(), config, config.outputDir().resolve(readPlot));
    Path file = config.outputDir().resolve(base + ".md");
    Files.writeString(file, markdown(results, sagaPlot, readPlot));
    return file;
  }

  static String markdown(Results r, String sagaPlot, String readPlot) {
    BenchConfig config = r.config();
    StringBuilder md = new StringBuilder();
    md.append("# Store Manager benchmark, ")
        .append(config.mode().name().toLowerCase(Locale.ROOT))
        .append(" mode\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| started | ")
        .append(r.started().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" |\n");
    md.append(String.format(Locale.ROOT, "| duration | %.1f min |%n", r.minutes()));
    md.append("| machine | ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("os.name"))
        .append(" ")
        .append(System.getProperty("os.arch"))
        .append(", load generator on Java ")
        .append(System.getProperty("java.version"))
        .append(", everything on one box |\n");
    md.append("| target | ").append(config.target()).append(" |\n");
    md.append(
        "| method | open arrival model (fixed rate, requests never wait for earlier answers),"
            + " latency from each request's intended start (no coordinated omission),"
            + " HdrHistogram; milliseconds |\n\n");

    md.append(
        "## 1. Saga: POST /orders at a fixed rate, until GET /orders/{id} shows COMPLETED\n\n");
    md.append("Each step lasts ")
        .append(config.sagaStep().toSeconds())
        .append(
            " s. *Kept up*: every order completed and the completions kept pace (≥ 95 % of"
                + " the offered rate).\n\n");
    loadTable(md, r.saga(), "offered (orders/s)", true);
    int best = SagaScenario.highestSustained(r.saga());
    md.append(
        String.format(
            Locale.ROOT,
            "%n**Highest rate sustained for %d s with p99 < %.0f ms: %d orders/s** (target ≥ 100"
                + " orders/s: %s).%n%n",
            config.sagaStep().toSeconds(),
            SagaScenario.P99_TARGET_MS,
            best,
            best >= 100 ? "met" : "missed"));
    costTables(md, r.sagaCosts());
    md.append("Where the time goes: from the intended POST to `SagaCompleted` read from Kafka");
    md.append(
        " (the rest is the last hop: the Store Manager consumes it and updates the order).\n\n");
    md.append("| offered (orders/s) | p50 | p95 | p99 | max |\n|---:|---:|---:|---:|---:|\n");
    for (LoadResult e : r.sagaEventSeen()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %.1f | %.1f | %.1f | %.1f |%n",
              e.offeredRate(),
              e.p50(),
              e.p95(),
              e.p99(),
              e.max()));
    }
    md.append("\n![saga latency vs offered load](").append(sagaPlot).append(")\n\n");

    md.append("## 2. Read paths at 500 and 1000 requests/s\n\n");
    loadTable(md, r.reads(), "offered (req/s)", false);
    double worst =
        r.reads().stream()
            .filter(x -> x.offeredRate() >= 1000)
            .mapToDouble(LoadResult::p99)
            .max()
            .orElse(Double.NaN);
    md.append(
        String.format(
            Locale.ROOT,
            "%nWorst p99 at 1000 req/s: %.2f ms (target < 5 ms: %s).%n%n",
            worst,
            worst < 5 ? "met" : "missed"));
    gatewayOverhead(md, r.reads());
    md.append("![read-path latency vs offered load](").append(readPlot).append(")\n\n");

    md.append("## 3. Growth: reports and stock overview as orders pile up\n\n");
    md.append(
            "The data loader writes completed orders straight to MySQL (batched inserts), then the"
                + " Store Manager rebuilds its Redis read models; each endpoint is then read at ")
        .append(config.growthRate())
        .append(" req/s for ")
        .append(config.growthStep().toSeconds())
        .append(" s.\n\n");
    md.append(
        "| orders in MySQL | loaded in (s) | rebuild (s) | endpoint | achieved (req/s) | p50 | p95"
            + " | p99 | max | failed |\n|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (GrowthScenario.Size size : r.growth()) {
      for (LoadResult e : size.endpoints()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %d | %.1f | %.1f | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d |%n",
                size.orders(),
                size.load().toMillis() / 1000.0,
                size.rebuild().toMillis() / 1000.0,
                e.name(),
                e.achievedRate(),
                e.p50(),
                e.p95(),
                e.p99(),
                e.max(),
                e.failed() + e.unfinished()));
      }
    }
    if (r.growth().size() > 1) {
      md.append(
          "\n| endpoint | p99 at largest / p99 at smallest | flat (≤ 1.5) |\n|---|---:|---|\n");
      for (int i = 0; i < GrowthScenario.ENDPOINTS.size(); i++) {
        double g = GrowthScenario.growth(r.growth(), i);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %s |%n",
                GrowthScenario.ENDPOINTS.get(i),
                g,
                g <= 1.5 ? "yes" : "no"));
      }
    }

    OutboxScenario.Result o = r.outbox();
    md.append("\n## 4. Outbox relay: a burst of pending rows\n\n");
    if (o == null) {
      md.append("Not run.\n");
    } else {
      outbox(md, o);
    }
    startup(md, r.startup());
    return md.toString();
  }

  private static void outbox(StringBuilder md, OutboxScenario.Result o) {
    md.append(
        "The orders and their `OrderCreated` rows are committed in one transaction, as `POST"
            + " /orders` writes them but all at once.\n\n");
    md.append("| measure | value |\n|---|---:|\n");
    md.append(String.format(Locale.ROOT, "| pending outbox rows | %d |%n", o.rows()));
    md.append(
        String.format(
            Locale.ROOT,
            "| commit → first row published (relay timer tick) | %.2f s |%n",
            o.untilFirstSent().toMillis() / 1000.0));
    md.append(
        String.format(
            Locale.ROOT,
            "| first → last row published | %.2f s |%n",
            o.publishing().toMillis() / 1000.0));
    md.append(
        String.format(
            Locale.ROOT, "| **relay throughput** | **%.0f events/s** |%n", o.relayedPerSecond()));
    md.append(
        String.format(
            Locale.ROOT,
            "| commit → every saga of the burst ended | %.1f s (%.0f sagas/s; %d completed,"
                + " %d cancelled) |%n",
            o.untilAllSagasEnded().toMillis() / 1000.0,
            o.sagasPerSecond(),
            o.completed(),
            o.cancelled()));
  }

  private static void startup(StringBuilder md, List<StartupReport.Startup> startup) {
    md.append("\n## 5. Start-up (the last `./stack up` / `./stack start` of each component)\n\n");
    md.append(
        "| component | launch → ready (s) | Liberty: server started in (s) | Liberty: application"
            + " started in (s) |\n|---|---:|---:|---:|\n");
    for (StartupReport.Startup s : startup) {
      md.append("| ")
          .append(s.component())
          .append(" | ")
          .append(s.toReady())
          .append(" | ")
          .append(s.server())
          .append(" | ")
          .append(s.application())
          .append(" |\n");
    }
  }

  /** p50/p99 of the stock read through the gateway and directly, at each rate of the same run. */
  private static void gatewayOverhead(StringBuilder md, List<LoadResult> reads) {
    List<LoadResult> direct =
        reads.stream().filter(x -> x.name().equals(ReadPathScenario.DIRECT_STOCK)).toList();
    if (direct.isEmpty()) {
      return;
    }
    md.append("Gateway overhead on `GET /stocks/{id}` (same run, same rates):\n\n");
    md.append("| offered (req/s) | p50 gateway / direct (ms) | p99 gateway / direct (ms) |\n");
    md.append("|---:|---:|---:|\n");
    for (LoadResult d : direct) {
      reads.stream()
          .filter(
              x -> x.name().equals(ReadPathScenario.STOCK) && x.offeredRate() == d.offeredRate())
          .findFirst()
          .ifPresent(
              g ->
                  md.append(
                      String.format(
                          Locale.ROOT,
                          "| %.0f | %.2f / %.2f (+%.2f) | %.2f / %.2f (+%.2f) |%n",
                          d.offeredRate(),
                          g.p50(),
                          d.p50(),
                          g.p50() - d.p50(),
                          g.p99(),
                          d.p99(),
                          g.p99() - d.p99())));
    }
    md.append("\n");
  }

  private static void loadTable(
      StringBuilder md, List<LoadResult> rows, String rate, boolean saga) {
    md.append(saga ? "" : "| endpoint ");
    md.append("| ")
        .append(rate)
        .append(
            " | sent | ok | failed | unfinished | achieved (/s) | p50 | p95 | p99 | max |"
                + (saga ? " kept up |" : "")
                + "\n");
    md.append(saga ? "" : "|---").append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    md.append(saga ? "---|\n" : "\n");
    for (LoadResult x : rows) {
      md.append(saga ? "" : "| " + x.name() + " ");
      md.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %d | %d | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f |%s%n",
              x.offeredRate(),
              x.sent(),
              x.succeeded(),
              x.failed(),
              x.unfinished(),
              x.achievedRate(),
              x.p50(),
              x.p95(),
              x.p99(),
              x.max(),
              saga ? (x.keptUp() ? " yes |" : " **no** |") : ""));
    }
  }

  private static void plotSaga(List<LoadResult> steps, Path png) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title("Saga: POST /orders → order COMPLETED (open model)")
            .xAxisTitle("offered load (orders/s)")
            .yAxisTitle("latency (ms, log scale)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    double[] x = steps.stream().mapToDouble(LoadResult::offeredRate).toArray();
    if (x.length == 0) {
      x = new double[] {0};
    }
    addSeries(chart, "p50", x, steps.stream().mapToDouble(LoadResult::p50).toArray());
    addSeries(chart, "p95", x, steps.stream().mapToDouble(LoadResult::p95).toArray());
    addSeries(chart, "p99", x, steps.stream().mapToDouble(LoadResult::p99).toArray());
    addSeries(chart, "max", x, steps.stream().mapToDouble(LoadResult::max).toArray());
    double[] target = new double[x.length];
    java.util.Arrays.fill(target, SagaScenario.P99_TARGET_MS);
    chart.addSeries("p99 target (250 ms)", x, target).setMarker(SeriesMarkers.NONE);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void plotReads(List<LoadResult> results, BenchConfig config, Path png)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title("Read paths: p50 and p99 vs offered load")
            .xAxisTitle("offered load (requests/s)")
            .yAxisTitle("latency (ms, log scale)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    results.stream()
        .map(LoadResult::name)
        .distinct()
        .forEach(
            name -> {
              List<LoadResult> of = results.stream().filter(r -> r.name().equals(name)).toList();
              double[] x = of.stream().mapToDouble(LoadResult::offeredRate).toArray();
              addSeries(
                  chart, name + " p50", x, of.stream().mapToDouble(LoadResult::p50).toArray());
              addSeries(
                  chart, name + " p99", x, of.stream().mapToDouble(LoadResult::p99).toArray());
            });
    if (results.isEmpty()) {
      addSeries(chart, "no data", new double[] {0}, new double[] {1});
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void addSeries(XYChart chart, String name, double[] x, double[] y) {
    double[] positive = java.util.Arrays.stream(y).map(v -> Math.max(v, 0.01)).toArray();
    if (positive.length == 0) {
      positive = new double[] {0.01};
    }
    chart.addSeries(name, x, positive);
  }
}
