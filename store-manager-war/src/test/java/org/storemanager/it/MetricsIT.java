package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's metrics, scraped as a Prometheus server would ({@code GET /metrics}, text format, no
 * credentials) from both services, move with one order: docs/observability.md lists them.
 */
class MetricsIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void oneCompletedOrderMovesTheSagaMetricsOfBothServices() {
    String ended = "saga_orders_ended_total{outcome=\"COMPLETED\"";
    String durations = "saga_duration_seconds_count{outcome=\"COMPLETED\"";
    String handledByPayment = "saga_events_handled_total{event=\"StockDecreased\"";
    String publishedByPayment = "saga_outbox_published_total";
    double endedBefore = value(Stack.STORE_URL, ended);
    double durationsBefore = value(Stack.STORE_URL, durations);
    double handledBefore = value(Stack.PAYMENT_URL, handledByPayment);
    double publishedBefore = value(Stack.PAYMENT_URL, publishedByPayment);

    long user = fixtures.user();
    long product = fixtures.product("4.00", 3);
    fixtures.order(user, product, 1); // waits for COMPLETED

    // Counted after the commit of the last step: poll until the scrape shows it.
    Stack.eventually(
        Duration.ofSeconds(20),
        "saga_orders_ended_total{outcome=COMPLETED} grows on the Store Manager",
        () -> value(Stack.STORE_URL, ended) >= endedBefore + 1);
    assertTrue(value(Stack.STORE_URL, durations) >= durationsBefore + 1, "saga_duration_seconds");
    assertTrue(value(Stack.PAYMENT_URL, handledByPayment) >= handledBefore + 1, handledByPayment);
    assertTrue(value(Stack.PAYMENT_URL, publishedByPayment) >= publishedBefore + 1, "relay");

    String store = scrape(Stack.STORE_URL);
    for (String name :
        new String[] {
          "saga_duration_seconds_bucket{",
          "saga_events_handled_total{event=\"SagaCompleted\"",
          "saga_outbox_published_total",
          "read_model_rebuilds_total",
        }) {
      assertTrue(store.contains(name), name + " in the Store Manager's /metrics");
    }
  }

  @Test
  void metricsNeedNoCredentialsAndAnswerPrometheusText() {
    String type =
        given()
            .baseUri(Stack.PAYMENT_URL)
            .get("/metrics")
            .then()
            .statusCode(200)
            .extract()
            .contentType();
    assertTrue(type.startsWith("text/plain"), type);
    assertEquals(200, given().baseUri(Stack.STORE_URL).get("/metrics").statusCode());
  }

  private static String scrape(String baseUrl) {
    return given().baseUri(baseUrl).get("/metrics").then().statusCode(200).extract().asString();
  }

  /** The sum of the samples whose line starts with {@code prefix} (0 when there is none yet). */
  static double value(String baseUrl, String prefix) {
    double sum = 0;
    Matcher sample =
        Pattern.compile("^(\\S+?)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE)
            .matcher(scrape(baseUrl));
    while (sample.find()) {
      String line = sample.group();
      if (line.startsWith(prefix)) {
        sum += Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }
}
