package org.storemanager.bench.chaos;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything a run decides in advance, from its seed alone: the products (prices, stock), every
 * order of the load (lines, whether it is sent twice, whether it gets paid), the fault and when the
 * saga topic's records are delivered again. What the system does with it is not replayable; what
 * the harness does is.
 */
record RunPlan(
    long seed,
    List<ProductPlan> products,
    List<OrderPlan> orders,
    Fault fault,
    List<Long> redeliveryMomentsMs,
    int recordsPerRedelivery,
    long redeliverySeed) {

  /** Share of the orders sent a second time with the same Idempotency-Key. */
  static final double DUPLICATE_SHARE = 0.10;

  /** Share of the completed orders whose payment the harness processes. */
  static final double PAID_SHARE = 0.5;

  /**
   * Every how many orders a paid one is also deleted at once ({@link OrderPlan#deleteWhilePaying}).
   */
  static final int DELETE_EVERY = 4;

  /** Share of the orders with a line of the expensive product. */
  static final double EXPENSIVE_SHARE = 0.12;

  /** Stock is set to this share (55 to 80 %) of what the planned orders ask for. */
  static final double STOCK_MIN = 0.55;

  static final double STOCK_MAX = 0.80;

  /**
   * A product of the run. The expensive one costs 60 % of the payment limit: one unit completes,
   * two exceed the limit, so the payment step fails and the saga compensates.
   */
  record ProductPlan(String label, BigDecimal price, int stock, boolean expensive) {}

  /**
   * An order of the load: product index to units; sent again with the same key {@code
   * duplicateDelayMs} after the first answer when {@code duplicate}; paid if it completes and
   * {@code pay}.
   */
  record OrderPlan(
      int index,
      Map<Integer, Integer> lines,
      boolean duplicate,
      long duplicateDelayMs,
      boolean pay) {

    /**
     * Whether the harness sends DELETE /orders/{id} at the same moment it pays (every fourth paid
     * order, by index: no random draw, so the plans of earlier seeds do not change). The payment
     * then either goes first and is refunded, or the void first and the payment is refused.
     */
    boolean deleteWhilePaying() {
      return pay && index % DELETE_EVERY == 1;
    }

    BigDecimal total(List<ProductPlan> products) {
      return lines.entrySet().stream()
          .map(e -> products.get(e.getKey()).price().multiply(BigDecimal.valueOf(e.getValue())))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  static RunPlan of(long seed, ChaosConfig config) {
    return of(
        seed,
        config.orderRate(),
        config.loadDuration(),
        config.paymentMaxAmount(),
        config.kafkaBrokers());
  }

  static RunPlan of(
      long seed, double rate, java.time.Duration load, BigDecimal paymentLimit, int brokers) {
    Random data = Seeds.stream(seed, 1);
    Random orders = Seeds.stream(seed, 2);
    Random faults = Seeds.stream(seed, 3);
    Random redelivery = Seeds.stream(seed, 4);

    int cheap = 3;
    List<BigDecimal> prices = new ArrayList<>();
    for (int p = 0; p < cheap; p++) {
      prices.add(BigDecimal.valueOf(100 + data.nextInt(2901), 2)); // 1.00 to 30.00
    }
    // The price column holds at most 99999999.99.
    BigDecimal expensive =
        paymentLimit
            .multiply(new BigDecimal("0.6"))
            .setScale(2, RoundingMode.HALF_UP)
            .min(new BigDecimal("99999999.99"))
            .max(new BigDecimal("0.01"));
    prices.add(expensive);
    int expensiveIndex = cheap;

    int count = (int) Math.max(1, Math.round(rate * load.toMillis() / 1000.0));
    List<OrderPlan> planned = new ArrayList<>();
    int[] demand = new int[prices.size()];
    for (int i = 0; i < count; i++) {
      Map<Integer, Integer> lines = new LinkedHashMap<>();
      if (orders.nextDouble() < EXPENSIVE_SHARE) {
        lines.put(expensiveIndex, orders.nextBoolean() ? 2 : 1);
      }
      int wanted = lines.isEmpty() ? 1 + orders.nextInt(2) : orders.nextInt(2);
      while (lines.size() < wanted + (lines.containsKey(expensiveIndex) ? 1 : 0)) {
        double q = orders.nextDouble();
        lines.putIfAbsent(orders.nextInt(cheap), q < 0.6 ? 1 : q < 0.9 ? 2 : 3);
      }
      lines.forEach((product, units) -> demand[product] += units);
      boolean duplicate = orders.nextDouble() < DUPLICATE_SHARE;
      long delay = orders.nextInt(301);
      boolean pay = orders.nextDouble() < PAID_SHARE;
      planned.add(new OrderPlan(i, Collections.unmodifiableMap(lines), duplicate, delay, pay));
    }

    List<ProductPlan> products = new ArrayList<>();
    for (int p = 0; p < prices.size(); p++) {
      double share = STOCK_MIN + data.nextDouble() * (STOCK_MAX - STOCK_MIN);
      int stock = (int) Math.max(1, Math.floor(demand[p] * share));
      products.add(
          new ProductPlan(
              p == expensiveIndex ? "expensive" : "item " + p,
              prices.get(p),
              stock,
              p == expensiveIndex));
    }

    Fault fault = Fault.choose(faults, brokers, load);

    List<Long> moments = new ArrayList<>();
    long loadMs = load.toMillis();
    for (int i = 0; i < 3; i++) {
      moments.add((long) (loadMs * (0.3 + 0.6 * redelivery.nextDouble())));
    }
    moments.sort(null);
    return new RunPlan(
        seed,
        List.copyOf(products),
        List.copyOf(planned),
        fault,
        List.copyOf(moments),
        2,
        redelivery.nextLong());
  }
}
