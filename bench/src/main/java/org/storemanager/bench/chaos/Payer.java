package org.storemanager.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.storemanager.bench.StoreClient;
import org.storemanager.bench.StoreClient.Answer;

/**
 * Pays completed orders as their customer would: reads the order until it shows its payment_link,
 * then POSTs the card to that link (no token: its key is the capability). A 5xx or no answer is
 * retried with backoff, as a client would, until a deadline; a 4xx is final.
 */
final class Payer implements AutoCloseable {

  static final Map<String, String> CARD =
      Map.of("cardNumber", "4111111111111111", "cardCode", "123", "expirationDate", "12/30");

  private final StoreClient store;
  private final StoreClient payments;
  private final Exchanges exchanges;
  private final Duration deadline;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "chaos-payer");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Long> attempted = ConcurrentHashMap.newKeySet();
  private final Set<Long> paid = ConcurrentHashMap.newKeySet();
  private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
  private final Findings findings;

  /**
   * A valid card refused (4xx) through the link the service gave is a violation; a payment that
   * could not be made before the deadline is a note (its 5xx answers are judged on their own).
   */
  Payer(
      StoreClient store,
      StoreClient payments,
      Exchanges exchanges,
      Duration deadline,
      Findings findings) {
    this.store = store;
    this.payments = payments;
    this.exchanges = exchanges;
    this.deadline = deadline;
    this.findings = findings;
  }

  void pay(long orderId) {
    pay(orderId, false);
  }

  /** Pays, and if {@code alsoDelete}, sends DELETE /orders/{id} at the same moment. */
  void pay(long orderId, boolean alsoDelete) {
    open.incrementAndGet();
    workers.execute(
        () -> {
          try {
            payNow(orderId, alsoDelete);
          } catch (RuntimeException e) {
            findings.note("payment of order " + orderId + " not made: " + e);
          } finally {
            open.decrementAndGet();
          }
        });
  }

  /** Orders whose payment was POSTed at least once (an answer may have been lost). */
  Set<Long> attempted() {
    return Set.copyOf(attempted);
  }

  /** Orders a DELETE sent while paying removed (204). */
  Set<Long> deleted() {
    return Set.copyOf(deleted);
  }

  /** Orders whose processing answered is_paid true. */
  Set<Long> paid() {
    return Set.copyOf(paid);
  }

  /** Waits (bounded) until every payment handed over has been dealt with. */
  boolean awaitIdle(Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (open.get() > 0 && System.nanoTime() < end) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    return open.get() == 0;
  }

  private void payNow(long orderId, boolean alsoDelete) {
    long end = System.nanoTime() + deadline.toNanos();
    String link = null;
    long pause = 100;
    while (link == null) {
      Answer order =
          exchanges
              .track(
                  "GET /orders/{id}", Long.toString(orderId), () -> store.get("/orders/" + orderId))
              .join();
      if (order.status() == 200) {
        JsonNode json = order.json();
        if (!json.path("payment_link").isNull() && !json.path("payment_link").isMissingNode()) {
          link = json.path("payment_link").asText();
          break;
        }
      }
      if (System.nanoTime() > end) {
        findings.note(
            "order " + orderId + ": no payment_link shown within " + deadline.toSeconds() + " s");
        return;
      }
      pause = backoff(pause);
    }
    String paymentLink = link;
    CompletableFuture<Void> deleting = CompletableFuture.completedFuture(null);
    if (alsoDelete) {
      deleting =
          store
              .delete("/orders/" + orderId)
              .thenAccept(
                  answer -> {
                    if (answer.status() == 204) {
                      deleted.add(orderId);
                    } else if (answer.status() != 409
                        && answer.status() != 0
                        && answer.status() < 500) {
                      findings.violation(
                          "order "
                              + orderId
                              + ": DELETE while paying answered HTTP "
                              + answer.status());
                    }
                  });
    }
    try {
      process(orderId, paymentLink, alsoDelete, end);
    } finally {
      deleting.join(); // the DELETE is part of this payment's work (awaitIdle waits for it)
    }
  }

  private void process(long orderId, String paymentLink, boolean alsoDelete, long end) {
    long pause;
    pause = 100;
    while (true) {
      attempted.add(orderId);
      Answer answer =
          exchanges
              .track(
                  "POST /payments/process/{id}",
                  Long.toString(orderId),
                  () -> payments.processPayment(paymentLink, CARD))
              .join();
      if (answer.status() == 200) {
        if (answer.json().path("is_paid").asBoolean(false)) {
          paid.add(orderId);
        }
        return;
      }
      if (alsoDelete && answer.status() == 409) {
        return; // the DELETE went first: its payment was voided, as it must be
      }
      if (answer.status() != 0 && answer.status() < 500) {
        findings.violation(
            "order "
                + orderId
                + ": paying through its payment_link answered HTTP "
                + answer.status()
                + " "
                + answer.body());
        return;
      }
      if (System.nanoTime() > end) {
        findings.note(
            "order " + orderId + ": payment not processed within " + deadline.toSeconds() + " s");
        return;
      }
      pause = backoff(pause);
    }
  }

  /**
   * Waits {@code pauseMs} between two attempts of a client; returns the next pause (at most 2 s).
   */
  private static long backoff(long pauseMs) {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
    return Math.min(pauseMs * 2, 2000);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
