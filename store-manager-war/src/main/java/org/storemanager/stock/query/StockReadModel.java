package org.storemanager.stock.query;

import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.storemanager.platform.RedisConnection;
import org.storemanager.platform.RedisPipeline;
import org.storemanager.readmodel.ReadModelMaintenance;
import org.storemanager.readmodel.RebuildableReadModel;
import org.storemanager.stock.model.StockEntry;

/**
 * Stock levels with product details in Redis, for the fast read paths (GET /stocks/{id}, supplier
 * GraphQL). Keys: {@code stock:<productId>} (hash: product_id, name, sku, unit_price, quantity,
 * version) and {@code stock:by-quantity} (sorted set, score = quantity) for "what is running low".
 *
 * <p>A key missing from Redis is read through from MySQL and written back; if Redis itself fails,
 * reads are answered from MySQL and the read model is marked dirty for a rebuild.
 */
@ApplicationScoped
public class StockReadModel implements RebuildableReadModel {

  static final String BY_QUANTITY = "stock:by-quantity";

  @Inject RedisConnection redis;
  @Inject StockQueries queries;
  @Inject ReadModelMaintenance maintenance;

  static String key(long productId) {
    return "stock:" + productId;
  }

  public Optional<StockLine> find(long productId) {
    try {
      Map<String, String> hash = redis.commands().hgetall(key(productId));
      if (!hash.isEmpty()) {
        return Optional.of(fromHash(hash));
      }
    } catch (RedisException e) {
      maintenance.markDirty("stock read failed", e);
      return queries.entry(productId).map(StockLine::of);
    }
    Optional<StockEntry> entry = queries.entry(productId);
    entry.ifPresent(this::put);
    return entry.map(StockLine::of);
  }

  /**
   * The stock lines lowest quantity first (with {@code threshold}, only those below it), one page
   * of them: at most {@code limit} lines after the product {@code after} (null: from the start), in
   * the same order (quantity, then the id as text, Redis' order of equal scores). Each line is one
   * Redis read, so a page costs {@code limit} reads at most. The page is taken from the order at
   * the time of the call: a product whose stock changes meanwhile may move.
   *
   * @throws java.util.NoSuchElementException if {@code after} is no product of the read model
   */
  public List<StockLine> lowerThan(Integer threshold, Long after, int limit) {
    try {
      maintenance.ensureBuilt();
      RedisCommands<String, String> commands = redis.commands();
      long offset = 0;
      if (after != null) {
        Long rank = commands.zrank(BY_QUANTITY, Long.toString(after));
        if (rank == null) {
          throw new java.util.NoSuchElementException("product " + after + " is not in the list");
        }
        offset = rank + 1;
      }
      Range<Double> range =
          threshold == null
              ? Range.unbounded()
              : Range.from(
                  Range.Boundary.unbounded(), Range.Boundary.excluding((double) threshold));
      List<StockLine> lines = new ArrayList<>();
      for (String id :
          commands.zrangebyscore(BY_QUANTITY, range, io.lettuce.core.Limit.create(offset, limit))) {
        Map<String, String> hash = commands.hgetall(key(Long.parseLong(id)));
        if (!hash.isEmpty()) {
          lines.add(fromHash(hash));
        }
      }
      return lines;
    } catch (RedisException e) {
      maintenance.markDirty("stock read failed", e);
      List<StockLine> all =
          queries.allEntries().stream()
              .map(StockLine::of)
              .sorted(
                  Comparator.comparingInt(StockLine::quantity)
                      .thenComparing(line -> Long.toString(line.productId())))
              .toList();
      int start = 0;
      if (after != null) {
        start = -1;
        for (int i = 0; i < all.size() && start < 0; i++) {
          if (all.get(i).productId() == after) {
            start = i + 1;
          }
        }
        if (start < 0) {
          throw new java.util.NoSuchElementException("product " + after + " is not in the list");
        }
      }
      return all.subList(start, all.size()).stream()
          .filter(line -> threshold == null || line.quantity() < threshold)
          .limit(limit)
          .toList();
    }
  }

  /** Stores an entry unless Redis already holds a newer version of it. */
  public void put(StockEntry entry) {
    try {
      redis.writeIfNewer(
          key(entry.productId()),
          entry.version(),
          fields(entry),
          BY_QUANTITY,
          entry.quantity(),
          Long.toString(entry.productId()));
    } catch (RedisException e) {
      maintenance.markDirty("stock update failed", e);
    }
  }

  public void remove(long productId) {
    try {
      redis.commands().del(key(productId));
      redis.commands().zrem(BY_QUANTITY, Long.toString(productId));
    } catch (RedisException e) {
      maintenance.markDirty("stock removal failed", e);
    }
  }

  /**
   * Writes every product's entry from MySQL with the same version check as live updates (a
   * concurrent newer write is never overwritten), then drops entries of deleted products.
   */
  @Override
  public String rebuild(RedisPipeline pipeline) {
    List<StockEntry> entries = queries.allEntries();
    for (StockEntry entry : entries) {
      var write =
          new RedisConnection.VersionedWrite(
              key(entry.productId()),
              entry.version(),
              fields(entry),
              BY_QUANTITY,
              entry.quantity(),
              Long.toString(entry.productId()));
      pipeline.send(write::sendTo);
    }
    pipeline.sync();
    Set<String> live = new HashSet<>();
    Set<String> liveIds = new HashSet<>();
    entries.forEach(
        entry -> {
          live.add(key(entry.productId()));
          liveIds.add(Long.toString(entry.productId()));
        });
    live.add(BY_QUANTITY);
    redis.deleteKeysExcept("stock:", live::contains);
    String[] gone =
        redis.commands().zrange(BY_QUANTITY, 0, -1).stream()
            .filter(id -> !liveIds.contains(id))
            .toArray(String[]::new);
    if (gone.length > 0) {
      redis.commands().zrem(BY_QUANTITY, gone);
    }
    return entries.size() + " products";
  }

  private static Map<String, String> fields(StockEntry entry) {
    return Map.of(
        "product_id", Long.toString(entry.productId()),
        "name", entry.name(),
        "sku", entry.sku(),
        "unit_price", entry.unitPrice().toPlainString(),
        "quantity", Integer.toString(entry.quantity()));
  }

  private static StockLine fromHash(Map<String, String> hash) {
    return new StockLine(
        Long.parseLong(hash.get("product_id")),
        hash.get("name"),
        hash.get("sku"),
        new BigDecimal(hash.get("unit_price")),
        Integer.parseInt(hash.get("quantity")));
  }
}
