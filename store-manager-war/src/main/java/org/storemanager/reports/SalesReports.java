package org.storemanager.reports;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.storemanager.common.error.ServiceUnavailableException;
import org.storemanager.orders.model.OrderView;
import org.storemanager.platform.RedisConnection;
import org.storemanager.platform.RedisPipeline;
import org.storemanager.readmodel.ReadModelMaintenance;
import org.storemanager.readmodel.RebuildableReadModel;
import org.storemanager.stock.query.StockLine;
import org.storemanager.stock.query.StockReadModel;

/**
 * Two sorted sets: {@value #SPENDERS} (member user id, score = total spent in cents, exact in a
 * double) and {@value #BEST_SELLERS} (member product id, score = units sold). Orders adjust them
 * with ZINCRBY; reading a report is one ZREVRANGE.
 */
@ApplicationScoped
public class SalesReports implements RebuildableReadModel {

  static final String SPENDERS = "report:highest-spenders";
  static final String BEST_SELLERS = "report:best-sellers";

  /** The ids of the orders whose amounts are in the two sums. */
  static final String COUNTED = "report:counted-orders";

  /**
   * Every adjustment, also kept as a stream entry (the last ~{@value #JOURNAL_LENGTH}): a rebuild
   * replays those made while it ran, which its MySQL snapshot could not see.
   */
  static final String JOURNAL = "report:journal";

  static final int JOURNAL_LENGTH = 10_000;

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
    try {
      applyOnce(adjustment(order, sign), true);
    } catch (RedisException e) {
      maintenance.markDirty("report update failed", e);
    }
  }

  /** The script's arguments for one order: id, sign, user, cents, then product/quantity pairs. */
  private static List<String> adjustment(OrderView order, int sign) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(order.orderId()));
    args.add(Integer.toString(sign));
    args.add(Long.toString(order.userId()));
    args.add(Double.toString(cents(order.totalAmount())));
    for (OrderView.Item item : order.items()) {
      args.add(Long.toString(item.productId()));
      args.add(Integer.toString(item.quantity()));
    }
    return args;
  }

  /** Runs the script; {@code journal}: also append the adjustment to {@value #JOURNAL}. */
  private void applyOnce(List<String> adjustment, boolean journal) {
    List<String> args = new ArrayList<>();
    args.add(journal ? "1" : "0");
    args.addAll(adjustment);
    redis
        .commands()
        .eval(
            APPLY_ONCE,
            ScriptOutputType.INTEGER,
            new String[] {COUNTED, SPENDERS, BEST_SELLERS, JOURNAL},
            args.toArray(String[]::new));
  }

  // ARGV: journal flag, order id, sign, user id, cents, then product id / quantity pairs.
  private static final String APPLY_ONCE =
      """
      if ARGV[1] == '1' then
        redis.call('XADD', KEYS[4], 'MAXLEN', '~', '%d', '*', 'a', table.concat(ARGV, ',', 2))
      end
      local changed
      if ARGV[3] == '1' then
        changed = redis.call('SADD', KEYS[1], ARGV[2])
      else
        changed = redis.call('SREM', KEYS[1], ARGV[2])
      end
      if changed == 0 then return 0 end
      local sign = tonumber(ARGV[3])
      redis.call('ZINCRBY', KEYS[2], sign * tonumber(ARGV[5]), ARGV[4])
      for i = 6, #ARGV, 2 do
        redis.call('ZINCRBY', KEYS[3], sign * tonumber(ARGV[i + 1]), ARGV[i])
      end
      if sign < 0 then
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', 0)
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', 0)
      end
      return 1
      """
          .formatted(JOURNAL_LENGTH);

  /**
   * Recomputes both sets from one MySQL read (one statement: one consistent snapshot of the
   * completed orders and their lines) into staging keys, swaps them in, then replays the journal
   * entries written since the rebuild began: an order completed or deleted after the snapshot was
   * taken is counted or removed, once (the counted set makes every adjustment idempotent).
   */
  @Override
  public String rebuild(RedisPipeline pipeline) {
    String journalStart = lastJournalId();
    List<Object[]> lines =
        em.createQuery(
                "select o.id, o.userId, o.totalAmount, i.productId, i.quantity"
                    + " from Order o join o.items i"
                    + " where o.sagaState = org.storemanager.orders.model.SagaState.COMPLETED",
                Object[].class)
            .getResultList();
    Map<Long, BigDecimal> spentByUser = new HashMap<>();
    Map<Long, Long> soldByProduct = new HashMap<>();
    Set<Long> counted = new HashSet<>();
    for (Object[] line : lines) {
      if (counted.add((Long) line[0])) {
        spentByUser.merge((Long) line[1], (BigDecimal) line[2], BigDecimal::add);
      }
      soldByProduct.merge((Long) line[3], ((Number) line[4]).longValue(), Long::sum);
    }
    // Staging keys unique to this rebuild: two instances rebuilding at once do not mix.
    String run = ":rebuild:" + UUID.randomUUID();
    stage(pipeline, SPENDERS + run, spentByUser, SalesReports::cents);
    stage(pipeline, BEST_SELLERS + run, soldByProduct, units -> (double) units);
    for (Long id : counted) {
      pipeline.send(c -> c.sadd(COUNTED + run, id.toString()));
    }
    pipeline.sync();
    // One script swaps the three keys: a live adjustment sees all old or all new keys, never new
    // sums with the old counted set (which would count an order of the snapshot a second time).
    redis
        .commands()
        .eval(
            SWAP,
            ScriptOutputType.INTEGER,
            new String[] {
              SPENDERS + run, SPENDERS, BEST_SELLERS + run, BEST_SELLERS, COUNTED + run, COUNTED
            });
    replayJournalAfter(journalStart);
    return counted.size() + " completed orders in the sales reports";
  }

  private String lastJournalId() {
    List<StreamMessage<String, String>> last =
        redis.commands().xrevrange(JOURNAL, Range.create("-", "+"), Limit.from(1));
    return last.isEmpty() ? "0-0" : last.get(0).getId();
  }

  private void replayJournalAfter(String id) {
    for (StreamMessage<String, String> entry :
        redis.commands().xrange(JOURNAL, Range.create(id, "+"))) {
      if (!entry.getId().equals(id)) { // the range includes its start
        applyOnce(List.of(entry.getBody().get("a").split(",")), false);
      }
    }
  }

  /** Writes one sorted set's members into its staging key. */
  private static <V> void stage(
      RedisPipeline pipeline,
      String staging,
      Map<Long, V> scores,
      java.util.function.Function<V, Double> score) {
    scores.forEach(
        (member, value) -> {
          double scored = score.apply(value);
          pipeline.send(c -> c.zadd(staging, scored, member.toString()));
        });
  }

  /** KEYS: staging, live pairs; a staging key that was never written (no rows) empties its key. */
  private static final String SWAP =
      """
      for i = 1, #KEYS, 2 do
        if redis.call('EXISTS', KEYS[i]) == 1 then
          redis.call('RENAME', KEYS[i], KEYS[i + 1])
        else
          redis.call('DEL', KEYS[i + 1])
        end
      end
      return 1
      """;

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
