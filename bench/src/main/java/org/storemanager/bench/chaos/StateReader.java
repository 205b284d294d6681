package org.storemanager.bench.chaos;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.storemanager.bench.StoreClient;
import org.storemanager.bench.StoreClient.Answer;
import org.storemanager.bench.chaos.Facts.ItemRow;
import org.storemanager.bench.chaos.Facts.OrderReading;
import org.storemanager.bench.chaos.Facts.OrderRow;
import org.storemanager.bench.chaos.Facts.OutboxRow;
import org.storemanager.bench.chaos.Facts.PaymentRow;
import org.storemanager.bench.chaos.Facts.ReportEntry;
import org.storemanager.bench.chaos.Facts.ReportReading;
import org.storemanager.bench.chaos.Facts.StockReading;

/**
 * Reads back the state a run left: its rows in both databases (JDBC, read only), what the REST API
 * answers from the read models, and the Redis keys behind the reports. Keys and formats are the
 * Store Manager's (OrderReadModel, StockReadModel, SalesReports, ReadModelMaintenance).
 */
final class StateReader implements AutoCloseable {

  static final String BUILT_MARKER = "readmodel:built-at";
  static final String BY_QUANTITY = "stock:by-quantity";
  static final String SPENDERS = "report:highest-spenders";
  static final String BEST_SELLERS = "report:best-sellers";
  static final String COUNTED = "report:counted-orders";
  static final int REPORT_LIMIT = 100;

  /** Amounts as exact decimals, not doubles. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The run's rows in MySQL. */
  record Sql(
      List<OrderRow> orders,
      List<ItemRow> items,
      Map<Long, Integer> stocks,
      List<PaymentRow> payments,
      boolean voidedColumn,
      List<OutboxRow> outbox,
      Set<String> storeInbox,
      Set<String> paymentInbox) {

    Map<Long, String> states() {
      Map<Long, String> states = new HashMap<>();
      orders.forEach(o -> states.put(o.id(), o.sagaState()));
      return states;
    }
  }

  private final ChaosConfig config;
  private final StoreClient store;
  private final Exchanges exchanges;
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;

  StateReader(ChaosConfig config, StoreClient store, Exchanges exchanges) {
    this.config = config;
    this.store = store;
    this.exchanges = exchanges;
    this.redisClient = RedisClient.create(config.redisUri());
    redisClient.setDefaultTimeout(Duration.ofSeconds(5));
    this.redis = redisClient.connect();
  }

  /** Whether the Store Manager's read models are complete (its marker key is present). */
  boolean readModelBuilt() {
    try {
      return redis.sync().exists(BUILT_MARKER) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Every order of the run's user or on the run's products, with what hangs off them. */
  Sql readSql(long userId, Collection<Long> products) throws SQLException {
    String productList = numbers(products);
    try (Connection store =
            DriverManager.getConnection(
                config.storeJdbcUrl(), config.dbUser(), config.dbPassword());
        Connection payment =
            DriverManager.getConnection(
                config.paymentJdbcUrl(), config.dbUser(), config.dbPassword())) {
      List<OrderRow> orders = new ArrayList<>();
      query(
          store,
          "SELECT id, user_id, saga_state, total_amount, is_paid, payment_id, payment_link"
              + " FROM orders WHERE user_id = "
              + userId
              + " OR id IN (SELECT order_id FROM order_items WHERE product_id IN ("
              + productList
              + "))",
          r ->
              orders.add(
                  new OrderRow(
                      r.getLong(1),
                      r.getLong(2),
                      r.getString(3),
                      r.getBigDecimal(4),
                      r.getBoolean(5),
                      r.getObject(6, Long.class),
                      r.getString(7))));
      List<Long> orderIds = orders.stream().map(OrderRow::id).toList();
      List<ItemRow> items = new ArrayList<>();
      query(
          store,
          "SELECT order_id, product_id, quantity FROM order_items WHERE product_id IN ("
              + productList
              + ")",
          r -> items.add(new ItemRow(r.getLong(1), r.getLong(2), r.getInt(3))));
      Map<Long, Integer> stocks = new HashMap<>();
      query(
          store,
          "SELECT product_id, quantity FROM stocks WHERE product_id IN (" + productList + ")",
          r -> stocks.put(r.getLong(1), r.getInt(2)));
      if (orderIds.isEmpty()) {
        return new Sql(orders, items, stocks, List.of(), false, List.of(), Set.of(), Set.of());
      }
      String orderList = numbers(orderIds);
      boolean voided = hasColumn(payment, "payments", "voided_at");
      List<PaymentRow> payments = payments(payment, orderList);
      List<OutboxRow> outbox = new ArrayList<>();
      outbox.addAll(outbox(store, Invariants.STORE, orderList));
      outbox.addAll(outbox(payment, Invariants.PAYMENT, orderList));
      List<String> eventIds = outbox.stream().map(OutboxRow::eventId).toList();
      return new Sql(
          orders,
          items,
          stocks,
          payments,
          voided,
          outbox,
          processed(store, eventIds),
          processed(payment, eventIds));
    }
  }

  /** GET /orders/{id} for each order, as a client reads it (from Redis). */
  List<OrderReading> readOrders(Collection<Long> ids) {
    List<CompletableFuture<OrderReading>> readings = new ArrayList<>();
    for (long id : ids) {
      readings.add(
          exchanges
              .track("GET /orders/{id}", Long.toString(id), () -> store.get("/orders/" + id))
              .thenApply(a -> orderReading(id, a)));
    }
    return readings.stream().map(CompletableFuture::join).toList();
  }

  /** GET /stocks/{id} for each product, and its score in {@code stock:by-quantity}. */
  List<StockReading> readStocks(Collection<Long> products) {
    List<StockReading> readings = new ArrayList<>();
    for (long id : products) {
      Answer a =
          exchanges
              .track("GET /stocks/{id}", Long.toString(id), () -> store.get("/stocks/" + id))
              .join();
      Integer quantity = null;
      if (a.status() == 200) {
        quantity = parse(a).path("quantity").asInt();
      }
      readings.add(new StockReading(id, a.status(), quantity, score(BY_QUANTITY, id)));
    }
    return readings;
  }

  /** The reports: Redis for the run's members, and the REST lists (top {@value #REPORT_LIMIT}). */
  ReportReading readReports(long userId, Collection<Long> products, Collection<Long> orders) {
    Map<Long, Double> sold = new HashMap<>();
    for (long product : products) {
      Double score = score(BEST_SELLERS, product);
      if (score != null) {
        sold.put(product, score);
      }
    }
    Set<Long> counted = new HashSet<>();
    RedisCommands<String, String> commands = redis.sync();
    for (long order : orders) {
      if (Boolean.TRUE.equals(commands.sismember(COUNTED, Long.toString(order)))) {
        counted.add(order);
      }
    }
    return new ReportReading(
        sold,
        score(SPENDERS, userId),
        counted,
        listed("best-sellers", "product_id", "quantity_sold"),
        listed("highest-spenders", "user_id", "total_spent"),
        REPORT_LIMIT);
  }

  private List<ReportEntry> listed(String report, String idField, String valueField) {
    Answer a =
        exchanges
            .track(
                "GET /orders/reports/" + report,
                "",
                () -> store.get("/orders/reports/" + report + "?limit=" + REPORT_LIMIT))
            .join();
    List<ReportEntry> entries = new ArrayList<>();
    if (a.status() == 200) {
      for (JsonNode e : parse(a)) {
        entries.add(new ReportEntry(e.path(idField).asLong(), e.path(valueField).decimalValue()));
      }
    }
    return entries;
  }

  private Double score(String key, long member) {
    return redis.sync().zscore(key, Long.toString(member));
  }

  private static OrderReading orderReading(long id, Answer a) {
    if (a.status() != 200) {
      return new OrderReading(id, a.status(), null, null, null, null, null);
    }
    JsonNode o = parse(a);
    return new OrderReading(
        id,
        200,
        o.path("saga_state").asText(null),
        o.path("is_paid").isBoolean() ? o.path("is_paid").asBoolean() : null,
        o.path("total_amount").isNumber() ? o.path("total_amount").decimalValue() : null,
        o.path("payment_id").isNumber() ? o.path("payment_id").asLong() : null,
        o.path("payment_link").isTextual() ? o.path("payment_link").asText() : null);
  }

  private static JsonNode parse(Answer a) {
    try {
      return JSON.readTree(a.body());
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static List<OutboxRow> outbox(Connection c, String service, String orderList)
      throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    query(
        c,
        "SELECT aggregate_id, event_type, event_id, sent_at IS NOT NULL FROM outbox_messages"
            + " WHERE aggregate_id IN ("
            + orderList
            + ")",
        r ->
            rows.add(
                new OutboxRow(
                    service, r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4))));
    return rows;
  }

  /** Which of {@code eventIds} the service's inbox recorded (500 ids per query). */
  private static Set<String> processed(Connection c, List<String> eventIds) throws SQLException {
    Set<String> found = new HashSet<>();
    for (int from = 0; from < eventIds.size(); from += 500) {
      List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + 500));
      String marks = chunk.stream().map(id -> "?").collect(Collectors.joining(","));
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT event_id FROM processed_events WHERE event_id IN (" + marks + ")")) {
        s.setQueryTimeout(30);
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(i + 1, chunk.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found.add(r.getString(1));
          }
        }
      }
    }
    return found;
  }

  /** The payments of these orders (deleted ones too: the payment service keeps its rows). */
  List<PaymentRow> paymentsOf(Collection<Long> orderIds) throws SQLException {
    if (orderIds.isEmpty()) {
      return List.of();
    }
    try (Connection payment =
        DriverManager.getConnection(
            config.paymentJdbcUrl(), config.dbUser(), config.dbPassword())) {
      return payments(payment, numbers(orderIds));
    }
  }

  private static List<PaymentRow> payments(Connection payment, String orderList)
      throws SQLException {
    boolean voided = hasColumn(payment, "payments", "voided_at");
    // Paid means paid and not refunded: a refund gave the money back (ADR 0016).
    String paid =
        hasColumn(payment, "payments", "refunded_at")
            ? "is_paid AND refunded_at IS NULL"
            : "is_paid";
    List<PaymentRow> payments = new ArrayList<>();
    query(
        payment,
        "SELECT id, order_id, user_id, total_amount, "
            + paid
            + (voided ? ", voided_at IS NOT NULL" : "")
            + " FROM payments WHERE order_id IN ("
            + orderList
            + ")",
        r ->
            payments.add(
                new PaymentRow(
                    r.getLong(1),
                    r.getLong(2),
                    r.getLong(3),
                    r.getBigDecimal(4),
                    r.getBoolean(5),
                    voided ? r.getBoolean(6) : null)));
    return payments;
  }

  private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?")) {
      s.setString(1, table);
      s.setString(2, column);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getLong(1) > 0;
      }
    }
  }

  interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /** Runs a query built from numbers only (ids read from the database or the API). */
  private static void query(Connection c, String sql, RowReader reader) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setQueryTimeout(30);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          reader.read(r);
        }
      }
    }
  }

  private static String numbers(Collection<Long> ids) {
    return ids.isEmpty()
        ? "NULL"
        : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    redis.close();
    redisClient.shutdown();
  }
}
