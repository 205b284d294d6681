package org.storemanager.orders.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;
import java.io.File;
import java.math.BigDecimal;
import java.util.List;
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
import org.storemanager.common.error.ConflictException;
import org.storemanager.orders.command.OrderService.OrderLine;
import org.storemanager.stock.command.StockService;
import org.storemanager.stock.query.StockQueries;

/**
 * In-container: placing an order is one JTA transaction. When the second line lacks stock, the
 * units already taken for the first line are given back by the rollback, not by code.
 */
@ExtendWith(ArquillianExtension.class)
class OrderPlacementIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/store-manager.war"))
        .addClass(OrderPlacementIT.class);
  }

  @Inject OrderService orders;
  @Inject ProductService products;
  @Inject UserService users;
  @Inject StockService stock;
  @Inject StockQueries stockQueries;

  private long user;
  private long plenty;
  private long scarce;

  @BeforeEach
  void createCatalog() {
    String run = Long.toString(System.nanoTime());
    user = users.create("In Container", "in-container-" + run + "@example.com");
    plenty = products.create("Plenty", "IT-PLENTY-" + run, new BigDecimal("1.00"));
    scarce = products.create("Scarce", "IT-SCARCE-" + run, new BigDecimal("1.00"));
    stock.setQuantity(plenty, 10);
    stock.setQuantity(scarce, 1);
  }

  @AfterEach
  void deleteCatalog() {
    products.delete(plenty);
    products.delete(scarce);
    users.delete(user);
  }

  @Test
  void aFailingLineRollsBackTheWholeOrder() {
    assertThrows(
        ConflictException.class,
        () -> orders.place(user, List.of(new OrderLine(plenty, 4), new OrderLine(scarce, 2))));

    assertEquals(10, stockQueries.entry(plenty).orElseThrow().quantity());
    assertEquals(1, stockQueries.entry(scarce).orElseThrow().quantity());
  }

  @Test
  void aSuccessfulOrderTakesEveryLine() {
    long order = orders.place(user, List.of(new OrderLine(plenty, 4), new OrderLine(scarce, 1)));
    assertEquals(6, stockQueries.entry(plenty).orElseThrow().quantity());
    assertEquals(0, stockQueries.entry(scarce).orElseThrow().quantity());
    orders.delete(order);
    assertEquals(10, stockQueries.entry(plenty).orElseThrow().quantity());
  }
}
