package org.storemanager.orders.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemanager.common.saga.EventType;

/**
 * The state machine of docs/state-machine.md, executable: every (where the order is, event) pair,
 * the state it leads to or the refusal. The order's "where" includes its path:
 * COMPLETING_ORDER_SAGA after a payment is not COMPLETING_ORDER_SAGA after a cancellation.
 */
class OrderSagaTest {

  /** How an order gets to each place of the state machine, by the moves of its saga. */
  private static final Map<String, List<Consumer<Order>>> PLACES = new LinkedHashMap<>();

  static {
    place("CREATING_ORDER");
    place("DECREASING_STOCK (taken)", Order::noteStockTaken);
    place("DECREASING_STOCK (short)", o -> o.noteStockShort("Insufficient stock for product 2"));
    place("CREATING_PAYMENT", Order::noteStockTaken, Order::noteStockDecreased);
    place(
        "COMPLETING_ORDER_SAGA (paid path)",
        Order::noteStockTaken,
        Order::noteStockDecreased,
        o -> o.notePaymentCreated(9, "http://pay/9", false));
    place(
        "COMPLETED",
        Order::noteStockTaken,
        Order::noteStockDecreased,
        o -> o.notePaymentCreated(9, "http://pay/9", false),
        Order::noteSagaCompleted);
    place(
        "INCREASING_STOCK",
        Order::noteStockTaken,
        Order::noteStockDecreased,
        o -> o.notePaymentRefused("Amount too high"));
    place("CANCELLING_ORDER", o -> o.noteStockShort("short"), o -> o.noteStockDecreaseFailed(null));
    place(
        "COMPLETING_ORDER_SAGA (cancel path)",
        o -> o.noteStockShort("short"),
        o -> o.noteStockDecreaseFailed(null),
        Order::noteCancelled);
    place(
        "CANCELLED",
        o -> o.noteStockShort("short"),
        o -> o.noteStockDecreaseFailed(null),
        Order::noteCancelled,
        Order::noteSagaCompleted);
  }

  /** The moves a saga event asks for (OrderCreated has two: the units were taken, or short). */
  private static final Map<String, Consumer<Order>> MOVES = new LinkedHashMap<>();

  static {
    MOVES.put("OrderCreated+taken", Order::noteStockTaken);
    MOVES.put("OrderCreated+short", o -> o.noteStockShort(null));
    MOVES.put("OrderCreationFailed", o -> o.noteCreationFailed(null));
    MOVES.put("StockDecreased", Order::noteStockDecreased);
    MOVES.put("StockDecreaseFailed", o -> o.noteStockDecreaseFailed(null));
    MOVES.put("PaymentCreated", o -> o.notePaymentCreated(9, "http://pay/9", false));
    MOVES.put("PaymentCreationFailed", o -> o.notePaymentRefused(null));
    MOVES.put("StockIncreased", Order::noteStockIncreased);
    MOVES.put("OrderCancelled", Order::noteCancelled);
    MOVES.put("SagaCompleted", Order::noteSagaCompleted);
    MOVES.put("PaymentCompleted", Order::notePaid);
  }

  /** The whole table: rows are places, columns the moves of MOVES in order; "-" is a refusal. */
  private static final String TABLE =
      """
      CREATING_ORDER                      | DECREASING_STOCK DECREASING_STOCK COMPLETING_ORDER_SAGA - - - - - - - -
      DECREASING_STOCK (taken)            | - - - CREATING_PAYMENT - - - - - - -
      DECREASING_STOCK (short)            | - - - - CANCELLING_ORDER - - - - - -
      CREATING_PAYMENT                    | - - - - - COMPLETING_ORDER_SAGA INCREASING_STOCK - - - -
      COMPLETING_ORDER_SAGA (paid path)   | - - - - - - - - - COMPLETED COMPLETING_ORDER_SAGA
      COMPLETED                           | - - - - - - - - - - COMPLETED
      INCREASING_STOCK                    | - - - - - - - CANCELLING_ORDER - - -
      CANCELLING_ORDER                    | - - - - - - - - COMPLETING_ORDER_SAGA - -
      COMPLETING_ORDER_SAGA (cancel path) | - - - - - - - - - CANCELLED -
      CANCELLED                           | - - - - - - - - - - -
      """;

  static Stream<Arguments> everyPlaceAndMove() {
    List<Arguments> cases = new ArrayList<>();
    for (String row : TABLE.strip().split("\n")) {
      String place = row.substring(0, row.indexOf('|')).strip();
      String[] expected = row.substring(row.indexOf('|') + 1).strip().split(" +");
      assertEquals(MOVES.size(), expected.length, "columns of " + place);
      int column = 0;
      for (String move : MOVES.keySet()) {
        cases.add(Arguments.of(place, move, expected[column++]));
      }
    }
    assertEquals(PLACES.keySet().size() * MOVES.size(), cases.size(), "every place is a row");
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("everyPlaceAndMove")
  void theOrderMakesExactlyTheMovesOfTheTable(String place, String move, String expected) {
    Order order = at(place);
    SagaState before = order.getSagaState();
    String errorBefore = order.getSagaError();
    if (expected.equals("-")) {
      assertThrows(SagaMoveRefused.class, () -> MOVES.get(move).accept(order));
      assertEquals(before, order.getSagaState(), "a refused move changes nothing");
      assertEquals(errorBefore, order.getSagaError());
    } else {
      MOVES.get(move).accept(order);
      assertEquals(SagaState.valueOf(expected), order.getSagaState());
    }
  }

  @Test
  void everyEventOfTheContractIsAColumnOrNoMoveAtAll() {
    for (EventType event : EventType.values()) {
      boolean column =
          MOVES.keySet().stream().anyMatch(m -> m.split("\\+")[0].equals(event.name()));
      boolean edges =
          Stream.of(SagaState.values()).anyMatch(state -> !state.targets(event).isEmpty());
      assertEquals(column, edges, event.name());
    }
  }

  @Test
  void theOutcomeComesFromThePathNotFromTheEvent() {
    Order cancelled = at("COMPLETING_ORDER_SAGA (cancel path)");
    cancelled.noteSagaCompleted(); // a SagaCompleted without error changes nothing of this
    assertEquals(SagaState.CANCELLED, cancelled.getSagaState());
    assertEquals("short", cancelled.getSagaError());
    assertFalse(cancelled.holdsStock());

    Order completed = at("COMPLETED");
    assertNull(completed.getSagaError());
    assertTrue(completed.holdsStock());
  }

  @Test
  void aCompensatedOrderHoldsNoStockAndKeepsTheFirstFailure() {
    Order order = at("INCREASING_STOCK");
    assertFalse(order.holdsStock());
    order.noteStockIncreased();
    order.noteCancelled();
    order.noteSagaCompleted();
    assertEquals("Amount too high", order.getSagaError());
  }

  @Test
  void aFailureWithoutAMessageStillCancels() {
    Order order = new Order(1);
    order.noteStockShort(" ");
    order.noteStockDecreaseFailed(null);
    order.noteCancelled();
    order.noteSagaCompleted();
    assertEquals(SagaState.CANCELLED, order.getSagaState());
    assertEquals("Insufficient stock", order.getSagaError());
  }

  @Test
  void onlyASucceededSagaCanBePaid() {
    Order paying = at("COMPLETING_ORDER_SAGA (paid path)");
    paying.notePaid();
    assertTrue(paying.isPaid());
    assertThrows(SagaMoveRefused.class, () -> at("CANCELLED").notePaid());
    assertThrows(SagaMoveRefused.class, () -> at("CREATING_PAYMENT").notePaid());
  }

  @Test
  void aPaymentCorrectionNeedsACompletedOrder() {
    Order completed = at("COMPLETED");
    completed.correctPayment(true, "https://pay.example/9");
    assertTrue(completed.isPaid());
    for (String place :
        List.of("CANCELLED", "CREATING_PAYMENT", "COMPLETING_ORDER_SAGA (paid path)")) {
      Order order = at(place);
      assertThrows(SagaMoveRefused.class, () -> order.correctPayment(true, null), place);
      assertFalse(order.isPaid(), place);
    }
  }

  @Test
  void theDeadlineUndoesWhatEachStepDid() {
    record Case(String place, boolean returnStock, boolean voidPayment, SagaState outcome) {}
    for (Case c :
        List.of(
            new Case("CREATING_ORDER", false, false, SagaState.CANCELLED),
            new Case("DECREASING_STOCK (taken)", true, true, SagaState.CANCELLED),
            new Case("DECREASING_STOCK (short)", false, false, SagaState.CANCELLED),
            new Case("CREATING_PAYMENT", true, true, SagaState.CANCELLED),
            new Case("INCREASING_STOCK", false, false, SagaState.CANCELLED),
            new Case("CANCELLING_ORDER", false, false, SagaState.CANCELLED),
            new Case("COMPLETING_ORDER_SAGA (paid path)", false, false, SagaState.COMPLETED),
            new Case("COMPLETING_ORDER_SAGA (cancel path)", false, false, SagaState.CANCELLED))) {
      Order order = at(c.place());
      SagaState step = order.getSagaState();
      Order.Expiry expiry = order.expire("120 s");
      assertEquals(new Order.Expiry(step, c.returnStock(), c.voidPayment()), expiry, c.place());
      assertEquals(c.outcome(), order.getSagaState(), c.place());
      if (c.outcome() == SagaState.CANCELLED && step != SagaState.COMPLETING_ORDER_SAGA) {
        assertTrue(
            order.getSagaError().startsWith("Saga deadline of 120 s passed at step " + step));
      }
      assertFalse(order.holdsStock() && c.outcome() == SagaState.CANCELLED, c.place());
    }
    for (String terminal : List.of("COMPLETED", "CANCELLED")) {
      assertThrows(SagaMoveRefused.class, () -> at(terminal).expire("120 s"), terminal);
    }
  }

  @SafeVarargs
  private static void place(String name, Consumer<Order>... moves) {
    PLACES.put(name, List.of(moves));
  }

  private static Order at(String place) {
    Order order = new Order(1);
    order.addItem(2, 3, new BigDecimal("4.50"));
    PLACES.get(place).forEach(move -> move.accept(order));
    return order;
  }
}
