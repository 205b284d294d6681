package org.storemanager.orders.query;

import io.lettuce.core.RedisException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.storemanager.common.web.JsonNaming;
import org.storemanager.orders.model.OrderView;
import org.storemanager.platform.RedisConnection;
import org.storemanager.platform.RedisPipeline;
import org.storemanager.readmodel.ReadModelMaintenance;
import org.storemanager.readmodel.RebuildableReadModel;

/**
 * Orders in Redis as ready-to-send JSON (hash {@code order:<id>}: json, version): a GET is one
 * Redis round-trip and no serialization. A missing key is read through from MySQL; a Redis failure
 * falls back to MySQL and marks the read model dirty.
 */
@ApplicationScoped
public class OrderReadModel implements RebuildableReadModel {

  @Inject RedisConnection redis;
  @Inject OrderQueries queries;
  @Inject ReadModelMaintenance maintenance;

  private static final int REBUILD_CHUNK = 1000;
  private static final String JSON = "json";
  private static final long TOMBSTONE_TTL_SECONDS = 24 * 3600;

  static String key(long orderId) {
    return "order:" + orderId;
  }

  /** The order's JSON, or empty if no such order exists. */
  public Optional<String> findJson(long orderId) {
    try {
      String json = redis.commands().hget(key(orderId), JSON);
      if (json != null) {
        return Optional.of(json);
      }
    } catch (RedisException e) {
      maintenance.markDirty("order read failed", e);
      return queries.find(orderId).map(OrderReadModel::toJson);
    }
    Optional<OrderView> view = queries.find(orderId);
    view.ifPresent(this::put);
    return view.map(OrderReadModel::toJson);
  }

  /** Stores the view unless Redis already holds a newer version of the order. */
  public void put(OrderView view) {
    try {
      redis.writeIfNewer(
          key(view.orderId()), view.version(), Map.of(JSON, toJson(view)), null, 0, null);
    } catch (RedisException e) {
      maintenance.markDirty("order update failed", e);
    }
  }

  /**
   * Leaves a tombstone rather than deleting the key: its version is the highest possible, so a late
   * write of the deleted order (an older after-commit update, a read-through) cannot bring it back.
   * It expires after a day; a rebuild drops it at once.
   */
  public void remove(long orderId) {
    try {
      redis.writeIfNewer(key(orderId), Long.MAX_VALUE, Map.of("deleted", "1"), null, 0, null);
      redis.commands().hdel(key(orderId), JSON); // after the tombstone: nothing can write it back
      redis.commands().expire(key(orderId), TOMBSTONE_TTL_SECONDS);
    } catch (RedisException e) {
      maintenance.markDirty("order removal failed", e);
    }
  }

  /**
   * Rewrites every order from MySQL, 1000 ids per query (items fetched in the same statement), and
   * drops entries of deleted orders.
   */
  @Override
  public String rebuild(RedisPipeline pipeline) {
    long maxId = queries.maxId();
    Set<String> live = new HashSet<>();
    for (long from = 1; from <= maxId; from += REBUILD_CHUNK) {
      for (OrderView view : queries.findRange(from, from + REBUILD_CHUNK - 1)) {
        String key = key(view.orderId());
        var write =
            new RedisConnection.VersionedWrite(
                key, view.version(), Map.of(JSON, toJson(view)), null, 0, null);
        pipeline.send(write::sendTo); // never overwrites a newer concurrent update
        live.add(key);
      }
    }
    pipeline.sync();
    redis.deleteKeysExcept("order:", live::contains);
    return live.size() + " orders";
  }

  static String toJson(OrderView view) {
    return JsonNaming.jsonb().toJson(view);
  }
}
