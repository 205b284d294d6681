package org.storemanager.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.storemanager.bench.OpenLoad;
import org.storemanager.bench.StoreClient;
import org.storemanager.bench.StoreClient.Answer;
import org.storemanager.bench.chaos.Facts.DuplicatePost;
import org.storemanager.bench.chaos.Facts.FaultWindow;
import org.storemanager.bench.chaos.Facts.Resent;
import org.storemanager.bench.chaos.RunPlan.OrderPlan;
import org.storemanager.bench.chaos.RunPlan.ProductPlan;

/**
 * One run: fresh products and a user, an open load of orders with the run's fault in the middle of
 * it, then recovery and the invariants. Every wait is a poll with a deadline, so a run always ends
 * by itself; a run that cannot even set up ends with one violation saying why.
 */
final class ChaosRun {

  /** How long the load may take to get its last answers after the last order was sent. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /** How long the read side may take to agree with MySQL once every saga has ended. */
  private static final Duration SETTLE = Duration.ofSeconds(60);

  /** How long paying one order may take (reading its link, then retrying the payment). */
  private static final Duration PAYMENT_DEADLINE = Duration.ofSeconds(60);

  private final ChaosConfig config;
  private final long seed;
  private final StackCommand stack;
  private final StoreClient store;
  private final StoreClient payments;
  private final RunPlan plan;
  private final String stamp = Long.toString(System.currentTimeMillis(), 36);

  /** The saga states of the last SQL read (for the counts of the row). */
  private Map<Long, String> lastStates = Map.of();

  ChaosRun(
      ChaosConfig config, long seed, StackCommand stack, StoreClient store, StoreClient payments) {
    this.config = config;
    this.seed = seed;
    this.stack = stack;
    this.store = store;
    this.payments = payments;
    this.plan = RunPlan.of(seed, config);
  }

  RunPlan plan() {
    return plan;
  }

  RunResult run() {
    Fault fault = plan.fault();
    ChaosHarness.log(
        String.format(
            java.util.Locale.ROOT,
            "run seed %s: %d orders at %.0f/s, fault %s at %.1f s (down %.1f s)",
            Seeds.format(seed),
            plan.orders().size(),
            config.orderRate(),
            fault.describe(),
            fault.momentMs() / 1000.0,
            fault.downMs() / 1000.0));
    long userId;
    Map<Integer, Long> productIds;
    Map<Long, Integer> stockBefore;
    try {
      prepareStack();
      userId = createUser();
      productIds = createProducts();
      stockBefore = readStock(productIds.values());
      for (var p : productIds.entrySet()) {
        int planned = plan.products().get(p.getKey()).stock();
        if (!Integer.valueOf(planned).equals(stockBefore.get(p.getValue()))) {
          throw new IllegalStateException(
              "product "
                  + p.getValue()
                  + ": stock "
                  + stockBefore.get(p.getValue())
                  + ", set "
                  + planned);
        }
      }
    } catch (Exception e) {
      return aborted("set-up failed: " + e.getMessage());
    }
    ChaosHarness.log(
        "user "
            + userId
            + ", products "
            + productIds.values()
            + " with stock "
            + stockBefore.values()
            + " (expensive: "
            + productIds.get(plan.products().size() - 1)
            + ")");
    try {
      return loadAndCheck(userId, productIds, stockBefore);
    } catch (Exception e) {
      return aborted("run failed: " + e);
    }
  }

  private RunResult loadAndCheck(
      long userId, Map<Integer, Long> productIds, Map<Long, Integer> stockBefore) throws Exception {
    Findings findings = new Findings();
    RunClock clock = new RunClock();
    Exchanges exchanges = new Exchanges(clock);
    Map<Long, Long> acceptedAt = new ConcurrentHashMap<>();
    Map<Long, OrderPlan> planOf = new ConcurrentHashMap<>();
    Queue<DuplicatePost> pairs = new ConcurrentLinkedQueue<>();
    List<Resent> resent = Collections.synchronizedList(new ArrayList<>());
    List<String> redeliveryProblems = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger malformed =
        new java.util.concurrent.atomic.AtomicInteger();
    FaultWindow window;
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chaos-timer");
              t.setDaemon(true);
              return t;
            });
    try (Payer payer = new Payer(store, payments, exchanges, PAYMENT_DEADLINE, findings);
        OrderTracker tracker =
            new OrderTracker(
                config,
                userId,
                clock,
                id -> {
                  OrderPlan p = planOf.get(id);
                  if (p != null && p.pay()) {
                    payer.pay(id, p.deleteWhilePaying());
                  }
                });
        Redelivery redelivery = openRedelivery(findings)) {

      clock.restart(); // zero is the start of the load: the fault's moment is counted from it
      if (redelivery != null) {
        Random picks = new Random(plan.redeliverySeed());
        for (long at : plan.redeliveryMomentsMs()) {
          timer.schedule(
              () -> {
                resent.addAll(
                    redelivery.resend(
                        picks,
                        plan.recordsPerRedelivery(),
                        acceptedAt.keySet(),
                        redeliveryProblems));
                malformed.addAndGet(
                    redelivery.injectMalformed(malformed.get(), redeliveryProblems));
              },
              Math.max(0, at - clock.now()),
              TimeUnit.MILLISECONDS);
        }
      }
      CompletableFuture<FaultWindow> faultWindow =
          new FaultInjector(plan.fault(), stack, config.redisUri(), clock).start();

      OpenLoad.run(
          "chaos",
          config.orderRate(),
          config.loadDuration(),
          DRAIN,
          (i, due) ->
              i < plan.orders().size()
                  ? place(
                      plan.orders().get((int) i),
                      userId,
                      productIds,
                      exchanges,
                      clock,
                      acceptedAt,
                      planOf,
                      pairs)
                  : CompletableFuture.completedFuture(true));
      long loadEnd = clock.now();
      ChaosHarness.log(
          "load done at " + loadEnd / 1000 + " s: " + acceptedAt.size() + " orders accepted");

      // The injector's commands are bounded (StackCommand): this only waits for them to end.
      window = faultWindow.get(30, TimeUnit.MINUTES);
      timer.shutdown();
      timer.awaitTermination(60, TimeUnit.SECONDS);
      ChaosHarness.log(
          "fault window "
              + window.startMs() / 1000.0
              + " s to "
              + (window.endMs() == null ? "never" : window.endMs() / 1000.0 + " s")
              + (window.problem() == null ? "" : ": " + window.problem()));
      if (window.problem() != null) {
        findings.violation(window.problem());
      }

      // Recovery: every order final, at most the saga deadline + margin after its acceptance.
      long limitMs = config.sagaDeadline().plus(config.finalMargin()).toMillis();
      long waitUntil =
          Math.max(loadEnd, acceptedAt.values().stream().max(Long::compare).orElse(loadEnd))
              + limitMs;
      while (!tracker.allFinal(acceptedAt.keySet()) && clock.now() < waitUntil) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(OrderTracker.POLL_MS));
      }
      boolean allFinal = tracker.allFinal(acceptedAt.keySet());
      Long lastFinal = tracker.lastFinal();
      Double recovery =
          allFinal && window.endMs() != null && lastFinal != null
              ? Math.max(0, lastFinal - window.endMs()) / 1000.0
              : null;
      ChaosHarness.log(
          allFinal
              ? "every order final; recovery " + ChaosReport.number(recovery) + " s"
              : "not every order final after the deadline");
      if (!payer.awaitIdle(PAYMENT_DEADLINE.plusSeconds(30))) {
        findings.note("payments still being made when the checks started");
      }
      Map<Long, Long> finalAt = tracker.finalAt();
      tracker.close();

      redeliveryProblems.forEach(findings::note);
      Findings settled =
          settle(
              userId,
              productIds,
              stockBefore,
              acceptedAt,
              finalAt,
              payer,
              exchanges,
              resent,
              redelivery);
      findings.addAll(settled);

      Invariants.idempotency(List.copyOf(pairs), findings);
      Invariants.serverErrors(exchanges.all(), window, config.grace().toMillis(), findings);

      Map<Long, String> states = lastStates;
      int completed = count(acceptedAt.keySet(), states, Invariants.COMPLETED);
      int cancelled = count(acceptedAt.keySet(), states, Invariants.CANCELLED);
      findings.note(
          pairs.size()
              + " order(s) sent twice with one Idempotency-Key; "
              + resent.size()
              + " saga record(s) delivered twice ("
              + resent.stream().map(Resent::eventType).collect(Collectors.joining(", "))
              + "); "
              + payer.attempted().size()
              + " payment(s) made, "
              + payer.deleted().size()
              + " order(s) deleted while paid; "
              + malformed.get()
              + " malformed record(s) published among the run's");
      return new RunResult(
          seed,
          plan.fault().describe(),
          window.startMs() / 1000.0,
          acceptedAt.size(),
          completed,
          cancelled,
          window.seconds(),
          recovery,
          findings.violations(),
          findings.notes());
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * Reads the state back and checks it until the read side agrees with MySQL, or {@link #SETTLE}
   * has passed (waits of 1, 2, 4, 8 s... between reads): every check that depends on an
   * asynchronous update (a read model, is_paid, an outbox mark, a committed offset) gets that long.
   * The last reading's findings are the ones kept.
   */
  private Findings settle(
      long userId,
      Map<Integer, Long> productIds,
      Map<Long, Integer> stockBefore,
      Map<Long, Long> acceptedAt,
      Map<Long, Long> finalAt,
      Payer payer,
      Exchanges exchanges,
      List<Resent> resent,
      Redelivery redelivery) {
    long end = System.nanoTime() + SETTLE.toNanos();
    long pauseMs = 1000;
    try (StateReader reader = new StateReader(config, store, exchanges)) {
      while (!reader.readModelBuilt() && System.nanoTime() < end) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
      boolean built = reader.readModelBuilt();
      while (true) {
        Findings f = new Findings();
        if (!built) {
          f.violation(
              "readmodel:built-at still missing "
                  + SETTLE.toSeconds()
                  + " s after the run: the read models were not rebuilt");
        }
        try {
          check(
              reader,
              f,
              userId,
              productIds,
              stockBefore,
              acceptedAt,
              finalAt,
              payer,
              resent,
              redelivery);
        } catch (SQLException | RuntimeException e) {
          f.violation("the state could not be read back: " + e);
        }
        if (f.violations().isEmpty() || System.nanoTime() > end) {
          return f;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
        pauseMs = Math.min(pauseMs * 2, 15_000);
      }
    }
  }

  /** One reading of the state and every check that depends on it. */
  private void check(
      StateReader reader,
      Findings f,
      long userId,
      Map<Integer, Long> productIds,
      Map<Long, Integer> stockBefore,
      Map<Long, Long> acceptedAt,
      Map<Long, Long> finalAt,
      Payer payer,
      List<Resent> resent,
      Redelivery redelivery)
      throws SQLException {
    StateReader.Sql sql = reader.readSql(userId, productIds.values());
    lastStates = sql.states();
    Set<Long> deleted = payer.deleted();
    Map<Long, Long> kept = new HashMap<>(acceptedAt);
    kept.keySet().removeAll(deleted); // deleted while paid: their checks are deletedOrders'
    Invariants.deletedOrders(deleted, sql.states(), reader.paymentsOf(deleted), f);
    Invariants.ordersEnded(
        kept,
        finalAt,
        sql.states(),
        config.sagaDeadline().plus(config.finalMargin()).toMillis(),
        f);
    Invariants.stock(stockBefore, sql.stocks(), sql.items(), sql.states(), f);
    Invariants.payments(sql.orders(), sql.payments(), payer.attempted(), payer.paid(), f);
    Invariants.sagaSteps(sql.orders(), sql.outbox(), sql.storeInbox(), sql.paymentInbox(), f);
    List<Long> orderIds = sql.orders().stream().map(o -> o.id()).sorted().toList();
    Invariants.readModels(
        sql.orders(),
        reader.readOrders(orderIds),
        sql.stocks(),
        reader.readStocks(productIds.values()),
        userId,
        sql.items(),
        reader.readReports(userId, productIds.values(), orderIds),
        f);
    if (redelivery != null) {
      Invariants.redeliveries(
          List.copyOf(resent),
          redelivery.committed(List.of(config.storeGroup(), config.paymentGroup())),
          f);
    }
  }

  /** One planned order: POST it, and for a planned duplicate POST it again with the same key. */
  private CompletableFuture<Boolean> place(
      OrderPlan order,
      long userId,
      Map<Integer, Long> productIds,
      Exchanges exchanges,
      RunClock clock,
      Map<Long, Long> acceptedAt,
      Map<Long, OrderPlan> planOf,
      Queue<DuplicatePost> pairs) {
    Map<Long, Integer> lines = new LinkedHashMap<>();
    order.lines().forEach((product, units) -> lines.put(productIds.get(product), units));
    String key = "chaos-" + stamp + "-" + order.index();
    return exchanges
        .track("POST /orders", key, () -> store.placeOrder(userId, lines, key))
        .thenCompose(
            first -> {
              Long firstId = accepted(first, order, clock, acceptedAt, planOf);
              if (!order.duplicate()) {
                return CompletableFuture.completedFuture(firstId != null);
              }
              // The client's retry, as after a lost answer: same key, same body.
              var later =
                  CompletableFuture.delayedExecutor(
                      order.duplicateDelayMs(), TimeUnit.MILLISECONDS);
              return CompletableFuture.runAsync(() -> {}, later)
                  .thenCompose(
                      ignored ->
                          exchanges.track(
                              "POST /orders",
                              key + " (again)",
                              () -> store.placeOrder(userId, lines, key)))
                  .thenApply(
                      second -> {
                        Long secondId = accepted(second, order, clock, acceptedAt, planOf);
                        pairs.add(
                            new DuplicatePost(
                                key, first.status(), firstId, second.status(), secondId));
                        return firstId != null;
                      });
            });
  }

  /**
   * The order id of an answer that placed (201) or, for a retry, returned (200) an order; null
   * otherwise. Only a 201 makes an order accepted.
   */
  private static Long accepted(
      Answer answer,
      OrderPlan order,
      RunClock clock,
      Map<Long, Long> acceptedAt,
      Map<Long, OrderPlan> planOf) {
    if (answer.status() != 201 && answer.status() != 200) {
      return null;
    }
    JsonNode id;
    try {
      id = answer.json().path("order_id");
    } catch (RuntimeException notJson) {
      return null;
    }
    if (!id.canConvertToLong()) {
      return null;
    }
    long orderId = id.asLong();
    planOf.putIfAbsent(orderId, order);
    if (answer.status() == 201) {
      acceptedAt.putIfAbsent(orderId, clock.now());
    }
    return orderId;
  }

  private Redelivery openRedelivery(Findings findings) {
    try {
      return new Redelivery(config);
    } catch (RuntimeException e) {
      findings.note("no event delivered twice: the saga topic could not be read (" + e + ")");
      return null;
    }
  }

  /**
   * The second Store Manager instance runs (idempotent), and both services answer through the
   * gateway.
   */
  private void prepareStack() {
    StackCommand.Result second = stack.run(List.of("start", "store-manager-2"));
    if (!second.ok()) {
      throw new IllegalStateException(second.describe() + " (see " + stack.log() + ")");
    }
    awaitReady(store, "/health/ready");
    awaitReady(payments, "/health/ready");
  }

  private static void awaitReady(StoreClient client, String path) {
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Answer last = null;
    while (System.nanoTime() < end) {
      last = client.get(path).handle((a, e) -> e == null ? a : new Answer(0, e.toString())).join();
      if (last.status() == 200) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    throw new IllegalStateException(
        path
            + " not ready within 120 s: "
            + (last == null ? "no answer" : last.status() + " " + last.body()));
  }

  private long createUser() {
    var body =
        Map.of(
            "name",
            "Chaos run " + Seeds.format(seed),
            "email",
            "chaos-" + stamp + "@chaos.invalid");
    return store.call(store.post("/users", body), 201, "create user").get("user_id").asLong();
  }

  /** The run's products, with their stock set; plan index to product id. */
  private Map<Integer, Long> createProducts() {
    Map<Integer, Long> ids = new LinkedHashMap<>();
    for (int i = 0; i < plan.products().size(); i++) {
      ProductPlan p = plan.products().get(i);
      var body =
          Map.of(
              "name", "Chaos " + p.label() + " " + stamp,
              "sku", "CHAOS-" + stamp + "-" + i,
              "price", p.price());
      long id =
          store
              .call(store.post("/products", body), 201, "create product")
              .get("product_id")
              .asLong();
      store.call(
          store.post("/stocks", Map.of("product_id", id, "quantity", p.stock())), 200, "set stock");
      ids.put(i, id);
    }
    return ids;
  }

  private Map<Long, Integer> readStock(java.util.Collection<Long> products) throws SQLException {
    Map<Long, Integer> stock = new HashMap<>();
    try (Connection c =
            DriverManager.getConnection(
                config.storeJdbcUrl(), config.dbUser(), config.dbPassword());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT product_id, quantity FROM stocks WHERE product_id IN ("
                    + products.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + ")")) {
      while (r.next()) {
        stock.put(r.getLong(1), r.getInt(2));
      }
    }
    return stock;
  }

  private RunResult aborted(String why) {
    ChaosHarness.log("run aborted: " + why);
    return new RunResult(
        seed,
        plan.fault().describe(),
        null,
        0,
        0,
        0,
        null,
        null,
        List.of("run aborted, " + why),
        List.of());
  }

  private static int count(Set<Long> ids, Map<Long, String> states, String state) {
    return (int) ids.stream().filter(id -> state.equals(states.get(id))).count();
  }
}
