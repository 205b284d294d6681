package org.storemanager.platform;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Bulk writes for read-model rebuilds: commands are queued on a dedicated connection and flushed in
 * batches, one network round-trip per batch instead of per command.
 */
public final class RedisPipeline implements AutoCloseable {

  private static final int BATCH = 1000;

  private final StatefulRedisConnection<String, String> connection;
  private final RedisAsyncCommands<String, String> commands;
  private final List<RedisFuture<?>> pending = new ArrayList<>(BATCH);

  public RedisPipeline(StatefulRedisConnection<String, String> connection) {
    this.connection = connection;
    this.commands = connection.async();
    connection.setAutoFlushCommands(false);
  }

  /** Queues one command, e.g. {@code pipeline.send(c -> c.set(key, value))}. */
  public void send(Function<RedisAsyncCommands<String, String>, RedisFuture<?>> command) {
    pending.add(command.apply(commands));
    if (pending.size() >= BATCH) {
      sync();
    }
  }

  /** Sends everything queued and waits for Redis to answer it all. */
  public void sync() {
    connection.flushCommands();
    if (!pending.isEmpty()
        && !LettuceFutures.awaitAll(
            Duration.ofSeconds(30), pending.toArray(new RedisFuture<?>[0]))) {
      throw new IllegalStateException("Redis did not answer a pipelined batch within 30 s");
    }
    pending.clear();
  }

  @Override
  public void close() {
    try {
      sync();
    } finally {
      connection.close();
    }
  }
}
