package org.storemanager.orders.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storemanager.orders.model.Order;

/**
 * The invariant the relay's rows-from-memory path rests on (ADR 0005): a row is vouched for only
 * when its writer created or changed the order; a writer that did not fails loudly in development
 * and is read back elsewhere (pure logic on the model).
 */
class OrderOutboxPrecedenceTest {

  /** An order as Hibernate loads it: not created here, with its unsent rows read with it. */
  private static Order loaded(String unsentRows) throws Exception {
    Constructor<Order> constructor = Order.class.getDeclaredConstructor();
    constructor.setAccessible(true);
    Order order = constructor.newInstance();
    set(order, "id", 7L);
    set(order, "sagaState", org.storemanager.orders.model.SagaState.DECREASING_STOCK);
    set(order, "stockTaken", true);
    set(order, "unsentOutboxRows", unsentRows);
    return order;
  }

  private static void set(Order order, String field, Object value) throws Exception {
    Field f = Order.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(order, value);
  }

  @Test
  void anOrderCreatedHereHasNothingBeforeItsRows() {
    assertEquals(Optional.of(Set.of()), OrderOutboxPrecedence.vouch(new Order(1), true));
  }

  @Test
  void aChangedOrderVouchesForTheUnsentRowsReadWithIt() throws Exception {
    Order order = loaded("12,15");
    order.noteStockDecreased();
    assertEquals(Optional.of(Set.of(12L, 15L)), OrderOutboxPrecedence.vouch(order, true));
  }

  @Test
  void aDeletedOrderVouchesToo() throws Exception {
    Order order = loaded("");
    order.noteDeleted();
    assertEquals(Optional.of(Set.of()), OrderOutboxPrecedence.vouch(order, true));
  }

  @Test
  void aWriterThatDidNotChangeTheOrderFailsLoudlyInDevelopment() throws Exception {
    Order order = loaded("12");
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> OrderOutboxPrecedence.vouch(order, true));
    assertTrue(failure.getMessage().contains("without changing the order"), failure.getMessage());
  }

  @Test
  void elsewhereItsRowIsReadBackInsteadOfVouchedFor() throws Exception {
    assertEquals(Optional.empty(), OrderOutboxPrecedence.vouch(loaded("12"), false));
  }

  @Test
  void noOrderNoVouch() {
    assertEquals(Optional.empty(), OrderOutboxPrecedence.vouch(null, true));
  }
}
