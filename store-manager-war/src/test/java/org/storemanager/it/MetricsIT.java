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

  /** One sample line of the Prometheus text format: name, optional {labels}, value. */
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][\\w:]*)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);

  private static final String COMPLETED = "outcome=\"COMPLETED\"";
  private static final String STOCK_DECREASED = "event=\"StockDecreased\"";

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void oneCompletedOrderMovesTheSagaMetricsOfBothServices() {
    double ended = value(Stack.STORE_URL, "saga_orders_ended_total", COMPLETED);
    double durations = value(Stack.STORE_URL, "saga_duration_seconds_count", COMPLETED);
    double handled = value(Stack.PAYMENT_URL, "saga_events_handled_total", STOCK_DECREASED);
    double published = value(Stack.PAYMENT_URL, "saga_outbox_published_total", "");

    long user = fixtures.user();
    long product = fixtures.product("4.00", 3);
    fixtures.order(user, product, 1); // waits for COMPLETED

    // Counted after the commit of the last step: poll until a scrape shows it.
    Stack.eventually(
        Duration.ofSeconds(20),
        "saga_orders_ended_total{outcome=COMPLETED} grows on the Store Manager",
        () -> value(Stack.STORE_URL, "saga_orders_ended_total", COMPLETED) >= ended + 1);
    assertTrue(
        value(Stack.STORE_URL, "saga_duration_seconds_count", COMPLETED) >= durations + 1,
        "saga_duration_seconds counts the order");
    assertTrue(
        value(Stack.PAYMENT_URL, "saga_events_handled_total", STOCK_DECREASED) >= handled + 1,
        "the payment service handled StockDecreased");
    assertTrue(
        value(Stack.PAYMENT_URL, "saga_outbox_published_total", "") >= published + 1,
        "the payment service's relay published PaymentCreated");

    String store = scrape(Stack.STORE_URL);
    for (String name : new String[] {"saga_duration_seconds_bucket", "saga_events_handled_total"}) {
      assertTrue(store.contains("\n" + name + "{"), name + " in the Store Manager's /metrics");
    }
  }

  @Test
  void theBacklogGaugesOfBothServicesAreMeasured() {
    for (String service : new String[] {Stack.STORE_URL, Stack.PAYMENT_URL}) {
      // Measured in the background every 5 s: NaN (not measured) only until the first refresh.
      Stack.eventually(
          Duration.ofSeconds(20),
          "the backlog gauges of " + service + " hold numbers",
          () -> {
            String metrics = scrape(service);
            return measured(metrics, "saga_outbox_unsent")
                && measured(metrics, "saga_outbox_oldest_unsent_age_seconds")
                && measured(metrics, "saga_consumer_group_lag")
                && measured(metrics, "saga_dead_letter_topic_records")
                && SAMPLE
                    .matcher(metrics)
                    .results()
                    .anyMatch(
                        m ->
                            m.group(1).equals("saga_consumer_lag")
                                && m.group(2).contains("consumer="));
          });
      assertTrue(value(service, "saga_outbox_unsent", "") >= 0);
    }
  }

  /** The metric has a sample that is a number (not NaN). */
  private static boolean measured(String metrics, String name) {
    return SAMPLE
        .matcher(metrics)
        .results()
        .anyMatch(m -> m.group(1).equals(name) && !m.group(3).equals("NaN"));
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

  /**
   * The sum of the samples of metric {@code name} whose labels contain {@code label} (0 while there
   * is none yet).
   */
  static double value(String baseUrl, String name, String label) {
    double sum = 0;
    Matcher sample = SAMPLE.matcher(scrape(baseUrl));
    while (sample.find()) {
      String labels = sample.group(2) == null ? "" : sample.group(2);
      if (sample.group(1).equals(name) && labels.contains(label)) {
        sum += Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }
}
