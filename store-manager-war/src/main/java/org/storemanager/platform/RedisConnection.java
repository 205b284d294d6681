package org.storemanager.platform;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Redis connection of this service. A Lettuce connection is thread-safe and multiplexes
 * every caller's commands over one socket, so all requests share it (no connection per request, no
 * pool to size). It is opened on first use, reconnects by itself, and fails fast (2 s, or at once
 * while disconnected) so a Redis outage degrades reads to MySQL instead of hanging requests.
 */
@ApplicationScoped
public class RedisConnection {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Inject
  @ConfigProperty(name = "redis.uri")
  String uri;

  private RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;

  @PostConstruct
  void createClient() {
    client = RedisClient.create(RedisURI.create(uri));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
            .build());
  }

  /** Synchronous commands on the shared connection. */
  public RedisCommands<String, String> commands() {
    return shared().sync();
  }

  /**
   * A separate connection for bulk work that pipelines commands (read-model rebuild); the caller
   * closes it. Pipelining on the shared connection would delay everybody else's commands.
   */
  public StatefulRedisConnection<String, String> openDedicated() {
    StatefulRedisConnection<String, String> dedicated = client.connect();
    dedicated.setTimeout(Duration.ofSeconds(30));
    return dedicated;
  }

  /**
   * Deletes the keys starting with {@code prefix} that {@code keep} rejects, walking the keyspace
   * with SCAN (never KEYS, which blocks Redis). Used by rebuilds to drop entries of deleted rows.
   */
  public int deleteKeysExcept(String prefix, Predicate<String> keep) {
    RedisCommands<String, String> commands = commands();
    ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
    int deleted = 0;
    KeyScanCursor<String> cursor = commands.scan(args);
    while (true) {
      String[] stale = cursor.getKeys().stream().filter(keep.negate()).toArray(String[]::new);
      if (stale.length > 0) {
        deleted += commands.del(stale).intValue();
      }
      if (cursor.isFinished()) {
        return deleted;
      }
      cursor = commands.scan(cursor, args);
    }
  }

  /**
   * Writes {@code fields} into the hash {@code key} only if {@code version} is newer than the
   * version stored there, and in the same atomic step (optionally) sets {@code member}'s score in
   * the sorted set {@code indexKey}. After-commit writes of concurrent transactions may reach Redis
   * in any order; this keeps the newest. Returns false if a newer version was already stored.
   */
  public boolean writeIfNewer(
      String key,
      long version,
      Map<String, String> fields,
      String indexKey,
      double score,
      String member) {
    VersionedWrite write = new VersionedWrite(key, version, fields, indexKey, score, member);
    Long written =
        commands().eval(WRITE_IF_NEWER, ScriptOutputType.INTEGER, write.keys(), write.args());
    return written != null && written == 1;
  }

  /**
   * One {@link #writeIfNewer} as data, so rebuilds can pipeline the same version-checked write:
   * {@code pipeline.send(write::sendTo)}.
   */
  public record VersionedWrite(
      String key,
      long version,
      Map<String, String> fields,
      String indexKey,
      double score,
      String member) {

    String[] keys() {
      return indexKey == null ? new String[] {key} : new String[] {key, indexKey};
    }

    String[] args() {
      List<String> args = new ArrayList<>(3 + 2 * fields.size());
      args.add(Long.toString(version));
      args.add(Double.toString(score));
      args.add(member == null ? "" : member);
      fields.forEach(
          (field, value) -> {
            args.add(field);
            args.add(value);
          });
      return args.toArray(String[]::new);
    }

    public io.lettuce.core.RedisFuture<Long> sendTo(
        io.lettuce.core.api.async.RedisAsyncCommands<String, String> commands) {
      return commands.eval(WRITE_IF_NEWER, ScriptOutputType.INTEGER, keys(), args());
    }
  }

  private static final String WRITE_IF_NEWER =
      """
      local current = redis.call('HGET', KEYS[1], 'version')
      if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
      redis.call('HSET', KEYS[1], 'version', ARGV[1], unpack(ARGV, 4))
      if KEYS[2] then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3]) end
      return 1
      """;

  private StatefulRedisConnection<String, String> shared() {
    StatefulRedisConnection<String, String> current = connection;
    if (current == null) {
      synchronized (this) {
        current = connection;
        if (current == null) {
          current = client.connect();
          current.setTimeout(TIMEOUT);
          connection = current;
        }
      }
    }
    return current;
  }

  @PreDestroy
  void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
  }
}
