package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * The operations page ({@code /console/}) on the running stack: served without a token, its data
 * refused without the manager's; and, in a real browser (Debian's headless {@code chromium}, system
 * property {@code chromium.binary}), the page draws the timeline of an order that completed. On CI
 * (environment variable {@code CI} set) a missing chromium is a failure; elsewhere the browser test
 * is skipped.
 */
class ConsoleIT {

  private static final String CHROMIUM = System.getProperty("chromium.binary", "chromium");

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void thePageLoadsWithoutAToken() {
    given()
        .baseUri(Stack.STORE_URL)
        .get("/console/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .body(containsString("id=\"timeline\""));
    given()
        .baseUri(Stack.STORE_URL)
        .get("/console/console.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"));
    given()
        .baseUri(Stack.STORE_URL)
        .get("/console/console.css")
        .then()
        .statusCode(200)
        .contentType(containsString("text/css"));
    given()
        .baseUri(Stack.STORE_URL)
        .redirects()
        .follow(false)
        .get("/console")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/console/"));
    given()
        .baseUri(Stack.STORE_URL)
        .get("/console/no-such-file.txt")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
  }

  @Test
  void itsDataNeedsAManagersToken() {
    given()
        .baseUri(Stack.STORE_URL)
        .get("/operations/saga")
        .then()
        .statusCode(401)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
    given()
        .baseUri(Stack.STORE_URL)
        .header("Authorization", DevTokens.bearer(Roles.CLERK))
        .get("/operations/saga")
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
  }

  @Test
  void chromiumDrawsTheTimelineOfACompletedOrder() throws Exception {
    requireChromium();
    long user = fixtures.user();
    long product = fixtures.product("7.00", 5);
    long order = fixtures.order(user, product, 1);
    OrderTimelineIT.awaitTimeline(
        order, t -> OrderTimelineIT.settled(t, Map.of("SagaCompleted", "store-manager")));

    String dom =
        dumpDom(
            Stack.STORE_URL + "/console/#token=" + DevTokens.of(Roles.MANAGER) + "&order=" + order);

    for (String expected :
        List.of(
            "id=\"timeline\" data-order-id=\"" + order + "\" data-saga-state=\"COMPLETED\"",
            "data-event=\"OrderCreated\"",
            "data-event=\"StockDecreased\"",
            "data-event=\"PaymentCreated\"",
            "data-event=\"SagaCompleted\"",
            "data-service=\"payment\"",
            "data-state-after=\"COMPLETED\"",
            "data-state=\"ok\"")) {
      assertTrue(dom.contains(expected), "the page shows " + expected + ":\n" + tail(dom));
    }
  }

  /** Fails on CI without chromium (the stack's setup installs it); skips elsewhere. */
  private static void requireChromium() throws InterruptedException {
    String problem = null;
    try {
      Process version =
          new ProcessBuilder(CHROMIUM, "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!version.waitFor(60, TimeUnit.SECONDS)) {
        version.destroyForcibly();
        problem = CHROMIUM + " --version did not answer within 60 s";
      } else if (version.exitValue() != 0) {
        problem = CHROMIUM + " --version exited with " + version.exitValue();
      }
    } catch (IOException e) {
      problem = CHROMIUM + " cannot be started: " + e.getMessage();
    }
    if (problem == null) {
      return;
    }
    if (System.getenv("CI") != null) {
      fail(problem + " (CI needs Debian's chromium: apt-get install chromium)");
    }
    Assumptions.abort(problem + ": the browser test is skipped outside CI");
  }

  /** The page's DOM after its scripts ran (8 s of virtual time: its data calls, one refresh). */
  private static String dumpDom(String url) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("console-it");
    try {
      Path out = work.resolve("dom.html");
      Path err = work.resolve("chromium.log");
      Process browser =
          new ProcessBuilder(
                  CHROMIUM,
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--no-first-run",
                  "--user-data-dir=" + work.resolve("profile"),
                  "--virtual-time-budget=8000",
                  "--dump-dom",
                  url)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!browser.waitFor(120, TimeUnit.SECONDS)) {
        browser.destroyForcibly();
        fail("chromium did not finish within 120 s:\n" + tail(Files.readString(err)));
      }
      String dom = Files.readString(out, StandardCharsets.UTF_8);
      if (browser.exitValue() != 0 || dom.isBlank()) {
        fail("chromium exited with " + browser.exitValue() + ":\n" + tail(Files.readString(err)));
      }
      return dom;
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }
}
