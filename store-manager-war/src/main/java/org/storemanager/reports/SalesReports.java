package org.storemanager.reports;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
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

  /** A user and the total of their orders. */
  public record Spender(long userId, BigDecimal totalSpent) {}

  /** A product and the units sold in orders. */
  public record BestSeller(long productId, String name, long quantitySold) {}

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

  /** Adds ({@code sign = 1}) or removes ({@code sign = -1}) one order's contribution. */
  void apply(OrderView order, int sign) {
    try {
      RedisCommands<String, String> commands = redis.commands();
      commands.zincrby(SPENDERS, sign * cents(order.totalAmount()), Long.toString(order.userId()));
      for (OrderView.Item item : order.items()) {
        commands.zincrby(BEST_SELLERS, sign * item.quantity(), Long.toString(item.productId()));
      }
      if (sign < 0) {
        commands.zremrangebyscore(
            SPENDERS, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, 0.0));
        commands.zremrangebyscore(
            BEST_SELLERS, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, 0.0));
      }
    } catch (RedisException e) {
      maintenance.markDirty("report update failed", e);
    }
  }

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
    replace(pipeline, SPENDERS, spent, total -> cents((BigDecimal) total));
    replace(pipeline, BEST_SELLERS, sold, units -> ((Number) units).doubleValue());
    pipeline.sync();
  }

  private static void replace(
      RedisPipeline pipeline,
      String key,
      List<Object[]> rows,
      java.util.function.Function<Object, Double> score) {
    String staging = key + ":rebuild";
    pipeline.send(c -> c.del(staging));
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
