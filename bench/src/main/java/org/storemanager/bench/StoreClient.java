package org.storemanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API of the services as the benchmark and the chaos harness use it (asynchronous, JSON):
 * one place for every call they make, so a change of the API is made once.
 */
public final class StoreClient implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String base;
  private final String authorization;
  private final HttpClient http;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(4, Benchmark.daemon("http"));

  /** At most this many requests in flight, so at most this many connections; 0: no limit. */
  private final int maxInFlight;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  /** A client of {@code baseUrl} that sends {@code token} (when not empty) as a bearer token. */
  public StoreClient(String baseUrl, String token) {
    this(baseUrl, token, 0);
  }

  /**
   * A client with at most {@code maxInFlight} requests in flight (0: no limit); the others wait in
   * the client, in order. Without a limit the JDK client opens a connection for every request that
   * finds none idle: when the services fall behind, thousands of connections (2500 to the gateway
   * and 1000 from it to the Store Manager on 2026-12-02, when 201 of 500 reads/s were served). The
   * benchmark measures latency from each request's intended start, so the time a request waits here
   * is counted.
   */
  public StoreClient(String baseUrl, String token, int maxInFlight) {
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must be 0 (no limit) or more");
    }
    this.maxInFlight = maxInFlight;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = token == null || token.isEmpty() ? null : "Bearer " + token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  /** The header that makes a retried POST /orders place the order once. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** An answer: status and body (parsed as JSON when it is JSON). */
  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public CompletableFuture<Answer> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public CompletableFuture<Answer> post(String path, Object body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  /**
   * POST with an {@value #IDEMPOTENCY_KEY} header: sent again with the same key and body (a client
   * retrying after a lost answer), it must give the same result instead of a second order.
   */
  public CompletableFuture<Answer> post(String path, Object body, String idempotencyKey) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_KEY, idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  /** POST /orders {user_id, items: [{product_id, quantity}]} under an idempotency key. */
  public CompletableFuture<Answer> placeOrder(
      long userId, Map<Long, Integer> quantities, String idempotencyKey) {
    var items =
        quantities.entrySet().stream()
            .map(e -> Map.of("product_id", e.getKey(), "quantity", e.getValue()))
            .toList();
    return post("/orders", Map.of("user_id", userId, "items", items), idempotencyKey);
  }

  /**
   * Pays through a payment link ({@code .../payments-api/payments/process/<id>?key=<key>}) as its
   * customer does: no token, the link's key is the capability. The link names the public gateway
   * (the payment service's {@code payment.link.base-url}); the call goes to this client's base
   * instead (a payments base such as {@code http://127.0.0.1:8081/payments-api}), with the link's
   * path from {@code /payments/} on and its query unchanged. A client made with a token sends it
   * too, which a clerk or manager may.
   */
  public CompletableFuture<Answer> processPayment(String paymentLink, Object card) {
    return post(paymentPath(paymentLink), card);
  }

  /** A payment link's path from {@code /payments/} on, with its query (the key). */
  static String paymentPath(String paymentLink) {
    URI link = URI.create(paymentLink);
    String path = link.getRawPath();
    int from = path == null ? -1 : path.indexOf("/payments/");
    if (from < 0) {
      throw new IllegalArgumentException("not a payment link: " + paymentLink);
    }
    return path.substring(from) + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
  }

  public CompletableFuture<Answer> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /** A GraphQL query (POST /graphql). */
  public CompletableFuture<Answer> graphql(String query) {
    return post("/graphql", Map.of("query", query));
  }

  /** Blocking call for set-up and clean-up: fails unless the status is the expected one. */
  public JsonNode call(CompletableFuture<Answer> answer, int expectedStatus, String what) {
    Answer a = answer.join();
    if (a.status() != expectedStatus) {
      throw new IllegalStateException(
          what + ": expected HTTP " + expectedStatus + ", got " + a.status() + " " + a.body());
    }
    return a.body().isEmpty() ? JSON.nullNode() : a.json();
  }

  private CompletableFuture<Answer> send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpRequest built = request.timeout(TIMEOUT).build();
    if (maxInFlight == 0) {
      return dispatch(built);
    }
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    waiting.add(
        () ->
            dispatch(built)
                .whenComplete(
                    (a, error) -> {
                      release();
                      if (error == null) {
                        answer.complete(a);
                      } else {
                        answer.completeExceptionally(error);
                      }
                    }));
    startWaiting();
    return answer;
  }

  private CompletableFuture<Answer> dispatch(HttpRequest request) {
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(r -> new Answer(r.statusCode(), r.body()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Starts waiting requests while fewer than {@link #maxInFlight} are in flight. */
  private void startWaiting() {
    while (!waiting.isEmpty()) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        return; // the next answer starts the next request
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      Runnable next = waiting.poll();
      if (next == null) {
        inFlight.decrementAndGet(); // another thread took it: look again
        continue;
      }
      next.run();
    }
  }

  private void release() {
    inFlight.decrementAndGet();
    startWaiting();
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow(); // the JDK 17 HttpClient has no close(); its selector thread is a daemon
  }
}
