package org.storemanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 5: start-up, read from what the last {@code ./stack up} (or {@code ./stack start})
 * recorded: the wall time from launching each component to its readiness check passing ({@code
 * .stack/logs/startup.tsv}), and Liberty's own figures from each server's messages.log.
 */
final class StartupReport {

  /** One component: seconds from launch to ready, and Liberty's server/application figures. */
  record Startup(String component, String toReady, String server, String application) {}

  private static final Pattern SERVER =
      Pattern.compile("CWWKF0011I: .* server started in ([0-9.]+) seconds");
  private static final Pattern APPLICATION =
      Pattern.compile("CWWKZ0001I: Application \\S+ started in ([0-9.]+) seconds");

  static List<Startup> read(Path stackRoot) {
    Map<String, String> ready = new LinkedHashMap<>();
    Path tsv = stackRoot.resolve(".stack/logs/startup.tsv");
    try {
      if (Files.exists(tsv)) {
        for (String line : Files.readAllLines(tsv)) {
          String[] f = line.split("\t");
          if (f.length == 3) {
            ready.put(f[1], f[2]); // the last start of each component wins
          }
        }
      }
    } catch (IOException e) {
      Benchmark.log("start-up: cannot read " + tsv + ": " + e);
    }
    List<Startup> result = new ArrayList<>();
    for (String component : List.of("kafka", "store-manager", "payment")) {
      Path log =
          stackRoot.resolve(".stack/liberty/wlp/usr/servers/" + component + "/logs/messages.log");
      result.add(
          new Startup(
              component,
              ready.getOrDefault(component, "n/a"),
              last(log, SERVER),
              last(log, APPLICATION)));
    }
    if (ready.containsKey("up")) {
      result.add(new Startup("./stack up (whole stack, incl. build)", ready.get("up"), "", ""));
    }
    return result;
  }

  private static String last(Path log, Pattern pattern) {
    if (!Files.exists(log)) {
      return "";
    }
    String found = "";
    try (var lines = Files.lines(log)) {
      for (String line : (Iterable<String>) lines::iterator) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          found = m.group(1);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
    return found;
  }
}
