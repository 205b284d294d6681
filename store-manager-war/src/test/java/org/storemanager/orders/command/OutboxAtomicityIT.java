package org.storemanager.orders.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.File;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.storemanager.catalog.command.ProductService;
import org.storemanager.catalog.command.UserService;
import org.storemanager.common.saga.Outbox;
import org.storemanager.orders.command.OrderService.OrderLine;
import org.storemanager.stock.command.StockService;

/**
 * In-container: placing an order writes the order and its OrderCreated outbox row in one JTA
 * transaction. A failure right after {@code outbox.add} leaves neither; a commit leaves both.
 */
@ExtendWith(ArquillianExtension.class)
class OutboxAtomicityIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/store-manager.war"))
        .addClasses(OutboxAtomicityIT.class, FailAfterOutboxAdd.class);
  }

  /** Throws inside the transaction, just after the outbox row was persisted, when armed. */
  @ApplicationScoped
  public static class FailAfterOutboxAdd {
    static final ThreadLocal<AtomicReference<String>> ARMED = new ThreadLocal<>();

    void onRecorded(@Observes Outbox.EventRecorded event) {
      AtomicReference<String> armed = ARMED.get();
      if (armed != null) {
        armed.set(String.valueOf(event.outboxId()));
        throw new IllegalStateException("forced failure after outbox.add");
      }
    }
  }

  @Inject OrderService orders;
  @Inject UserService users;
  @Inject ProductService products;
  @Inject StockService stock;

  @Resource(lookup = "jdbc/serviceDS")
  DataSource dataSource;

  private long user;
  private long product;

  @BeforeEach
  void createUserAndProduct() {
    String run = Long.toString(System.nanoTime());
    user = users.create("Outbox IT", "outbox-it-" + run + "@example.com");
    product = products.create("Outbox IT", "IT-OUTBOX-" + run, new BigDecimal("2.00"));
    stock.setQuantity(product, 0); // the saga of a committed order cancels at once: short
  }

  @AfterEach
  void deleteUserAndProduct() throws Exception {
    for (long order : queryIds("select id from orders where user_id = ?", user)) {
      awaitFinished(order);
      orders.delete(order);
    }
    products.delete(product);
    users.delete(user);
  }

  @Test
  void aFailureAfterOutboxAddRollsBackTheOrderAndItsEvent() throws Exception {
    AtomicReference<String> outboxId = new AtomicReference<>();
    FailAfterOutboxAdd.ARMED.set(outboxId);
    try {
      assertThrows(
          RuntimeException.class, () -> orders.place(user, List.of(new OrderLine(product, 1))));
    } finally {
      FailAfterOutboxAdd.ARMED.remove();
    }
    assertNotNull(outboxId.get(), "the failure came after the outbox row was written");
    assertEquals(0, queryIds("select id from orders where user_id = ?", user).size());
    assertEquals(0, count("select count(*) from outbox_messages where id = ?", outboxId.get()));
  }

  @Test
  void aCommitKeepsTheOrderAndItsEventTogether() throws Exception {
    long order = orders.place(user, List.of(new OrderLine(product, 1)));
    assertEquals(List.of(order), queryIds("select id from orders where user_id = ?", user));
    assertEquals(
        1,
        count(
            "select count(*) from outbox_messages where aggregate_id = ? and event_type ="
                + " 'OrderCreated'",
            order));
  }

  private void awaitFinished(long order) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<Long> running =
          queryIds(
              "select id from orders where id = ? and saga_state not in ('COMPLETED','CANCELLED')",
              order);
      if (running.isEmpty()) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "order " + order + " still running after 60 s");
      Thread.onSpinWait();
      Thread.sleep(100); // polling interval, bounded by the deadline above
    }
  }

  private List<Long> queryIds(String sql, Object parameter) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        List<Long> ids = new java.util.ArrayList<>();
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
        return ids;
      }
    }
  }

  private long count(String sql, Object parameter) throws Exception {
    return queryIds(sql, parameter).get(0);
  }
}
