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

  /** Products with fewer than {@code threshold} units (all products if null), lowest first. */
  public List<StockLine> lowerThan(Integer threshold) {
    try {
      maintenance.ensureBuilt();
      RedisCommands<String, String> commands = redis.commands();
      Range<Double> range =
          threshold == null
              ? Range.unbounded()
              : Range.from(
                  Range.Boundary.unbounded(), Range.Boundary.excluding((double) threshold));
      List<StockLine> lines = new ArrayList<>();
      for (String id : commands.zrangebyscore(BY_QUANTITY, range)) {
        Map<String, String> hash = commands.hgetall(key(Long.parseLong(id)));
        if (!hash.isEmpty()) {
          lines.add(fromHash(hash));
        }
      }
      return lines;
    } catch (RedisException e) {
      maintenance.markDirty("stock read failed", e);
      return queries.allEntries().stream()
          .map(StockLine::of)
          .filter(line -> threshold == null || line.quantity() < threshold)
          .sorted(Comparator.comparingInt(StockLine::quantity))
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
