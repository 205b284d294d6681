package org.storemanager.reports;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.storemanager.common.error.ServiceUnavailableException;
import org.storemanager.orders.query.OrderView;
import org.storemanager.platform.RedisConnection;
import org.storemanager.platform.RedisPipeline;
import org.storemanager.readmodel.ReadModelMaintenance;
import org.storemanager.stock.query.StockLine;
import org.storemanager.stock.query.StockReadModel;

/**
 * Two sorted sets: {@value #SPENDERS} (member user id, score = total spent in cents, exact in a
 * double) and {@value #BEST_SELLERS} (member product id, score = units sold). Orders adjust them
 * with ZINCRBY; reading a report is one ZREVRANGE.
 */
@ApplicationScoped
public class SalesReports {

  static final String SPENDERS = "report:highest-spenders";
  static final String BEST_SELLERS = "report:best-sellers";

  /** The ids of the orders whose amounts are in the two sums. */
  static final String COUNTED = "report:counted-orders";

  /** A user and the total of their orders. */
  public record Spender(
      @Schema(required = true) long userId, @Schema(required = true) BigDecimal totalSpent) {}

  /** A product and the units sold in orders. */
  public record BestSeller(
      @Schema(required = true) long productId,
      @Schema(description = "Left out when the product no longer exists") String name,
      @Schema(required = true) long quantitySold) {}

  @Inject RedisConnection redis;
  @Inject ReadModelMaintenance maintenance;
  @Inject StockReadModel stock;
  @PersistenceContext EntityManager em;

  public List<Spender> highestSpenders(int limit) {
    try {
      maintenance.ensureBuilt();
      return redis.commands().zrevrangeWithScores(SPENDERS, 0, limit - 1L).stream()
          .map(s -> new Spender(Long.parseLong(s.getValue()), fromCents(s.getScore())))
          .toList();
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  public List<BestSeller> bestSellers(int limit) {
    try {
      maintenance.ensureBuilt();
      return redis.commands().zrevrangeWithScores(BEST_SELLERS, 0, limit - 1L).stream()
          .map(this::bestSeller)
          .toList();
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /**
   * Adds ({@code sign = 1}) or removes ({@code sign = -1}) one order's contribution, at most once
   * per order: the set {@value #COUNTED} records which orders are in the sums, and the script only
   * adjusts the sums when the order actually enters or leaves it (a replay or a race with a rebuild
   * cannot count an order twice).
   */
  void apply(OrderView order, int sign) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(order.orderId()));
    args.add(Integer.toString(sign));
    args.add(Long.toString(order.userId()));
    args.add(Double.toString(cents(order.totalAmount())));
    for (OrderView.Item item : order.items()) {
      args.add(Long.toString(item.productId()));
      args.add(Integer.toString(item.quantity()));
    }
    try {
      redis
          .commands()
          .eval(
              APPLY_ONCE,
              ScriptOutputType.INTEGER,
              new String[] {COUNTED, SPENDERS, BEST_SELLERS},
              args.toArray(String[]::new));
    } catch (RedisException e) {
      maintenance.markDirty("report update failed", e);
    }
  }

  private static final String APPLY_ONCE =
      """
      local changed
      if ARGV[2] == '1' then
        changed = redis.call('SADD', KEYS[1], ARGV[1])
      else
        changed = redis.call('SREM', KEYS[1], ARGV[1])
      end
      if changed == 0 then return 0 end
      local sign = tonumber(ARGV[2])
      redis.call('ZINCRBY', KEYS[2], sign * tonumber(ARGV[4]), ARGV[3])
      for i = 5, #ARGV, 2 do
        redis.call('ZINCRBY', KEYS[3], sign * tonumber(ARGV[i + 1]), ARGV[i])
      end
      if sign < 0 then
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', 0)
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', 0)
      end
      return 1
      """;

  /**
   * Recomputes both sets from MySQL (two GROUP BY queries) into staging keys, then swaps them in.
   */
  public void rebuild(RedisPipeline pipeline) {
    List<Object[]> spent =
        em.createQuery(
                "select o.userId, sum(o.totalAmount) from Order o"
                    + " where o.sagaState = org.storemanager.orders.model.SagaState.COMPLETED"
                    + " group by o.userId",
                Object[].class)
            .getResultList();
    List<Object[]> sold =
        em.createQuery(
                "select i.productId, sum(i.quantity) from OrderItem i join i.order o"
                    + " where o.sagaState = org.storemanager.orders.model.SagaState.COMPLETED"
                    + " group by i.productId",
                Object[].class)
            .getResultList();
    List<Long> counted =
        em.createQuery(
                "select o.id from Order o"
                    + " where o.sagaState = org.storemanager.orders.model.SagaState.COMPLETED",
                Long.class)
            .getResultList();
    // Staging keys unique to this rebuild: two instances rebuilding at once do not mix.
    String run = ":rebuild:" + UUID.randomUUID();
    replace(pipeline, SPENDERS, run, spent, total -> cents((BigDecimal) total));
    replace(pipeline, BEST_SELLERS, run, sold, units -> ((Number) units).doubleValue());
    String countedStaging = COUNTED + run;
    for (Long id : counted) {
      pipeline.send(c -> c.sadd(countedStaging, id.toString()));
    }
    pipeline.send(c -> counted.isEmpty() ? c.del(COUNTED) : c.rename(countedStaging, COUNTED));
    pipeline.sync();
  }

  private static void replace(
      RedisPipeline pipeline,
      String key,
      String run,
      List<Object[]> rows,
      java.util.function.Function<Object, Double> score) {
    String staging = key + run;
    for (Object[] row : rows) {
      String member = row[0].toString();
      double value = score.apply(row[1]);
      pipeline.send(c -> c.zadd(staging, value, member));
    }
    pipeline.send(c -> rows.isEmpty() ? c.del(key) : c.rename(staging, key));
  }

  private BestSeller bestSeller(ScoredValue<String> entry) {
    long productId = Long.parseLong(entry.getValue());
    String name = stock.find(productId).map(StockLine::name).orElse(null);
    return new BestSeller(productId, name, (long) entry.getScore());
  }

  private static double cents(BigDecimal amount) {
    return amount.movePointRight(2).doubleValue();
  }

  private static BigDecimal fromCents(double cents) {
    return BigDecimal.valueOf(Math.round(cents)).movePointLeft(2);
  }

  private static ServiceUnavailableException unavailable(RedisException e) {
    return new ServiceUnavailableException(
        "Reports are temporarily unavailable (read model store unreachable): retry later");
  }
}
