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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The Store Manager's HTTP API as the benchmark uses it (asynchronous, JSON). */
public final class StoreClient implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String base;
  private final String authorization;
  private final HttpClient http;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(4, Benchmark.daemon("http"));

  /** A client of {@code baseUrl} that sends {@code token} (when not empty) as a bearer token. */
  public StoreClient(String baseUrl, String token) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = token == null || token.isEmpty() ? null : "Bearer " + token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  /** An answer: status and body (parsed as JSON when it is JSON). */
  public record Answer(int status, String body) {
    JsonNode json() {
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
    return http.sendAsync(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Answer(r.statusCode(), r.body()));
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
