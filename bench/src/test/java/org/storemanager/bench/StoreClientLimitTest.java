package org.storemanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's limit on requests in flight, against a JDK HTTP server on loopback that holds every
 * request until released and counts how many it holds at once (the client's own logic; the services
 * are not involved).
 */
class StoreClientLimitTest {

  private HttpServer server;
  private final AtomicInteger holding = new AtomicInteger();
  private final AtomicInteger mostHeld = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext(
        "/",
        exchange -> {
          mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          holding.decrementAndGet();
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  /** Polls until the server holds {@code n} requests, for at most 5 s. */
  private void awaitHolding(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (holding.get() < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void atMostTheLimitIsInFlightAndEveryRequestIsAnswered() throws Exception {
    try (StoreClient client = new StoreClient(base(), "", 3)) {
      List<CompletableFuture<StoreClient.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(client.get("/stocks/" + i));
      }
      awaitHolding(3);
      assertEquals(3, holding.get(), "the server holds the first three");
      release.countDown();
      for (CompletableFuture<StoreClient.Answer> answer : answers) {
        assertEquals(200, answer.get(10, TimeUnit.SECONDS).status());
      }
      assertEquals(3, mostHeld.get(), "never more than three at once");
    }
  }

  @Test
  void withoutALimitEveryRequestGoesAtOnce() throws Exception {
    try (StoreClient client = new StoreClient(base(), "")) {
      List<CompletableFuture<StoreClient.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add(client.get("/stocks/" + i));
      }
      awaitHolding(6);
      assertEquals(6, holding.get());
      release.countDown();
      for (CompletableFuture<StoreClient.Answer> answer : answers) {
        assertTrue(answer.get(10, TimeUnit.SECONDS).status() == 200);
      }
    }
  }
}
