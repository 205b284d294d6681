package org.storemanager.stock.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.storemanager.catalog.command.ProductService;
import org.storemanager.stock.query.StockQueries;

/**
 * In-container: the saga's stock step (OrderCreatedHandler) takes an order's units all or nothing.
 * When one line lacks stock, no line is touched, inside the same JTA transaction that records the
 * StockDecreaseFailed event.
 */
@ExtendWith(ArquillianExtension.class)
class StockTakeOutIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/store-manager.war"))
        .addClass(StockTakeOutIT.class);
  }

  @Inject StockService stock;
  @Inject ProductService products;
  @Inject StockQueries stockQueries;
  private UserTransaction transaction;

  private long plenty;
  private long scarce;

  @BeforeEach
  void createProducts() throws Exception {
    transaction = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    String run = Long.toString(System.nanoTime());
    plenty = products.create("Plenty", "IT-PLENTY-" + run, new BigDecimal("1.00"));
    scarce = products.create("Scarce", "IT-SCARCE-" + run, new BigDecimal("1.00"));
    stock.setQuantity(plenty, 10);
    stock.setQuantity(scarce, 1);
  }

  @AfterEach
  void deleteProducts() {
    products.delete(plenty);
    products.delete(scarce);
  }

  private Optional<String> takeOutInATransaction(Map<Long, Integer> quantities) throws Exception {
    transaction.begin();
    try {
      Optional<String> shortage = stock.takeOutIfAvailable(quantities);
      transaction.commit();
      return shortage;
    } catch (Exception e) {
      transaction.rollback();
      throw e;
    }
  }

  @Test
  void aShortLineLeavesEveryLineUntouched() throws Exception {
    Optional<String> shortage = takeOutInATransaction(Map.of(plenty, 4, scarce, 2));

    assertEquals(
        Optional.of("Insufficient stock for product " + scarce + ": 2 requested, 1 available"),
        shortage);
    assertEquals(10, stockQueries.entry(plenty).orElseThrow().quantity());
    assertEquals(1, stockQueries.entry(scarce).orElseThrow().quantity());
  }

  @Test
  void coveredLinesAreAllTaken() throws Exception {
    assertTrue(takeOutInATransaction(Map.of(plenty, 4, scarce, 1)).isEmpty());
    assertEquals(6, stockQueries.entry(plenty).orElseThrow().quantity());
    assertEquals(0, stockQueries.entry(scarce).orElseThrow().quantity());
  }
}
