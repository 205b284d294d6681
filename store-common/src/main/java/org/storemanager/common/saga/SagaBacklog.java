package org.storemanager.common.saga;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How far behind this service's saga is, as a few numbers an operator (the operations page, {@code
 * GET /operations/saga}) or a metrics gauge can read at any time without waiting: the outbox rows
 * not yet published and the age of the oldest, and the consumer group's lag on the saga topic, per
 * consumer (each lane of each instance is one consumer of the group, ADR 0006).
 *
 * <p>The getters return the last snapshot. A non-persistent EJB timer takes a new one every {@code
 * saga.backlog.refresh.seconds} (5 by default), in the background: a request never waits on Kafka
 * or the database for these numbers, and a Kafka outage only makes them stale (the snapshot says
 * why). Lag is the end offset of each partition minus the group's committed offset (the start
 * offset where the group has committed none), the records consumers still have to handle.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SagaBacklog {

  /** Set when a refresh could not reach Kafka, cleared by the next one that did. */
  private volatile boolean kafkaUnreachable;

  /** When Kafka answered again after it had not; null if no outage was seen. */
  private volatile Instant kafkaBackAt;

  private static final Logger LOG = Logger.getLogger(SagaBacklog.class.getName());
  private static final long KAFKA_TIMEOUT_SECONDS = 5;

  /** One consumer of the group: its partitions of the saga topic and their lag. */
  public record ConsumerLag(
      String memberId, String clientId, String host, List<Integer> partitions, long lag) {}

  /** A member of the group as Kafka describes it, reduced to what the lag needs. */
  record Member(String memberId, String clientId, String host, Set<Integer> partitions) {}

  /**
   * One refresh. Outbox values are null until the database answered once, Kafka values until Kafka
   * did; {@code problem} says what failed at the last refresh (the older values are kept). {@code
   * refreshedAt} is null before the first refresh.
   */
  public record Snapshot(
      Instant refreshedAt,
      Long outboxUnsent,
      Long outboxOldestUnsentAgeSeconds,
      Long consumerLag,
      List<ConsumerLag> consumers,
      String problem) {
    static final Snapshot NONE = new Snapshot(null, null, null, null, List.of(), null);
  }

  @Inject KafkaAdmin kafkaAdmin;

  @Inject
  @ConfigProperty(name = "mp.messaging.connector.liberty-kafka.group.id")
  String groupId;

  @Inject
  @ConfigProperty(name = "mp.messaging.connector.liberty-kafka.topic")
  String topic;

  @Inject
  @ConfigProperty(name = "saga.backlog.refresh.seconds", defaultValue = "5")
  long refreshSeconds;

  @Resource(lookup = "jdbc/serviceDS")
  DataSource dataSource;

  @Resource TimerService timers;
  @Inject SagaGauges gauges;

  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Snapshot snapshot = Snapshot.NONE;

  @PostConstruct
  void start() {
    long every = Duration.ofSeconds(refreshSeconds).toMillis();
    timers.createIntervalTimer(1_000, every, new TimerConfig("saga backlog", false));
  }

  /** The last snapshot (never null; all values null before the first refresh). */
  public Snapshot snapshot() {
    return snapshot;
  }

  public Long outboxUnsent() {
    return snapshot.outboxUnsent();
  }

  public Long outboxOldestUnsentAgeSeconds() {
    return snapshot.outboxOldestUnsentAgeSeconds();
  }

  /**
   * Whether Kafka answered this instance's last refresh and has done so for at least {@code
   * period}: false while it does not answer and during {@code period} after it came back. Before
   * any outage was seen (at start-up too), true. The saga deadline waits on it (SagaDeadline), so
   * that an outage is not counted as the orders' lack of progress.
   */
  public boolean kafkaSteadyFor(Duration period) {
    if (kafkaUnreachable) {
      return false;
    }
    Instant back = kafkaBackAt;
    return back == null || back.plus(period).isBefore(Instant.now());
  }

  public Long consumerLag() {
    return snapshot.consumerLag();
  }

  public String groupId() {
    return groupId;
  }

  public String topic() {
    return topic;
  }

  /** One refresh; a tick that finds the previous one still running (Kafka slow) is skipped. */
  @Timeout
  void refresh() {
    if (!refreshing.tryLock()) {
      return;
    }
    try {
      Snapshot last = snapshot;
      List<String> problems = new ArrayList<>();
      Long unsent = last.outboxUnsent();
      Long oldestAge = last.outboxOldestUnsentAgeSeconds();
      try {
        long[] outbox = outbox();
        unsent = outbox[0];
        oldestAge = outbox[1] < 0 ? null : outbox[1];
      } catch (SQLException e) {
        problems.add("database: " + describe(e));
      }
      Long lag = last.consumerLag();
      List<ConsumerLag> consumers = last.consumers();
      try {
        consumers = consumersOnKafka();
        lag = consumers.stream().mapToLong(ConsumerLag::lag).sum();
        if (kafkaUnreachable) {
          kafkaBackAt = Instant.now();
          kafkaUnreachable = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add("Kafka: interrupted");
      } catch (Exception e) {
        kafkaUnreachable = true;
        problems.add("Kafka: " + describe(e));
      }
      String problem = problems.isEmpty() ? null : String.join("; ", problems);
      if (problem != null && (last.refreshedAt() == null || last.problem() == null)) {
        LOG.warning("Saga backlog not refreshed (the last numbers are kept): " + problem);
      }
      snapshot = new Snapshot(Instant.now(), unsent, oldestAge, lag, consumers, problem);
      gauges.track(consumers);
    } finally {
      refreshing.unlock();
    }
  }

  /** {unsent rows, age in seconds of the oldest or -1}: one statement on the relay's index. */
  private long[] outbox() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COUNT(*), MIN(created_at) FROM outbox_messages WHERE sent_at IS NULL");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      Timestamp oldest = rows.getTimestamp(2);
      long age =
          oldest == null
              ? -1
              : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toSeconds());
      return new long[] {rows.getLong(1), age};
    }
  }

  /** The group's consumers with their lag, from four Admin calls (plus the topic's partitions). */
  private List<ConsumerLag> consumersOnKafka() throws Exception {
    TopicDescription description =
        kafkaAdmin
            .get()
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .get(topic);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    description
        .partitions()
        .forEach(
            p -> {
              latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
              earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
    Map<Integer, Long> ends = new HashMap<>();
    kafkaAdmin
        .get()
        .listOffsets(latest)
        .all()
        .get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
    Map<Integer, Long> starts = new HashMap<>();
    kafkaAdmin
        .get()
        .listOffsets(earliest)
        .all()
        .get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach((partition, info) -> starts.put(partition.partition(), info.offset()));
    Map<Integer, Long> committed = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets =
        kafkaAdmin
            .get()
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    offsets.forEach(
        (partition, offset) -> {
          if (partition.topic().equals(topic) && offset != null) {
            committed.put(partition.partition(), offset.offset());
          }
        });
    ConsumerGroupDescription group =
        kafkaAdmin
            .get()
            .describeConsumerGroups(List.of(groupId))
            .describedGroups()
            .get(groupId)
            .get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<Member> members = new ArrayList<>();
    for (MemberDescription member : group.members()) {
      Set<Integer> partitions = new HashSet<>();
      member.assignment().topicPartitions().stream()
          .filter(p -> p.topic().equals(topic))
          .forEach(p -> partitions.add(p.partition()));
      members.add(new Member(member.consumerId(), member.clientId(), member.host(), partitions));
    }
    return lagPerConsumer(ends, starts, committed, members);
  }

  /**
   * The lag of each member on its partitions, members in the order given; partitions no member
   * holds (the group is empty, or rebalancing) are one more entry with no member id, if they lag.
   */
  static List<ConsumerLag> lagPerConsumer(
      Map<Integer, Long> ends,
      Map<Integer, Long> starts,
      Map<Integer, Long> committed,
      List<Member> members) {
    Set<Integer> unassigned = new TreeSet<>(ends.keySet());
    List<ConsumerLag> lags = new ArrayList<>();
    for (Member member : members) {
      TreeSet<Integer> partitions = new TreeSet<>(member.partitions());
      unassigned.removeAll(partitions);
      long lag = partitions.stream().mapToLong(p -> lagOf(p, ends, starts, committed)).sum();
      lags.add(
          new ConsumerLag(
              member.memberId(), member.clientId(), member.host(), List.copyOf(partitions), lag));
    }
    long rest = unassigned.stream().mapToLong(p -> lagOf(p, ends, starts, committed)).sum();
    if (rest > 0) {
      lags.add(new ConsumerLag(null, null, null, List.copyOf(unassigned), rest));
    }
    return lags;
  }

  private static long lagOf(
      int partition,
      Map<Integer, Long> ends,
      Map<Integer, Long> starts,
      Map<Integer, Long> committed) {
    long end = ends.getOrDefault(partition, 0L);
    long position = committed.getOrDefault(partition, starts.getOrDefault(partition, end));
    return Math.max(0, end - position);
  }

  /** The exception's class and message (of its cause, for a failed Kafka future). */
  private static String describe(Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
