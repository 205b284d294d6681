package org.storemanager.orders.model;

import static org.storemanager.common.saga.EventType.OrderCancelled;
import static org.storemanager.common.saga.EventType.OrderCreated;
import static org.storemanager.common.saga.EventType.OrderCreationFailed;
import static org.storemanager.common.saga.EventType.PaymentCompleted;
import static org.storemanager.common.saga.EventType.PaymentCreated;
import static org.storemanager.common.saga.EventType.PaymentCreationFailed;
import static org.storemanager.common.saga.EventType.SagaCompleted;
import static org.storemanager.common.saga.EventType.StockDecreaseFailed;
import static org.storemanager.common.saga.EventType.StockDecreased;
import static org.storemanager.common.saga.EventType.StockIncreased;

import java.util.EnumSet;
import java.util.Set;
import org.storemanager.common.saga.EventType;

/**
 * Where an order is in its saga (docs/state-machine.puml): the running states of the seed's state
 * machine, then a terminal outcome. {@link #targets} is the edge table; {@link Order} refuses every
 * move that is not in it.
 */
public enum SagaState {
  CREATING_ORDER,
  DECREASING_STOCK,
  CREATING_PAYMENT,
  INCREASING_STOCK,
  CANCELLING_ORDER,
  COMPLETING_ORDER_SAGA,
  /** Terminal: stock taken, payment created (the order may then be paid). */
  COMPLETED,
  /** Terminal: the order was cancelled; {@code saga_error} says why. */
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELLED;
  }

  /**
   * The states an order in this state may reach on {@code event}: empty when the state machine has
   * no such edge (a late copy, a replay with a new event id, an event for a finished order).
   * SagaCompleted has two targets: the order's own path picks one ({@link
   * Order#noteSagaCompleted}). PaymentCompleted is a loop: it records the payment and moves
   * nothing.
   */
  public Set<SagaState> targets(EventType event) {
    return switch (this) {
      case CREATING_ORDER ->
          event == OrderCreated
              ? EnumSet.of(DECREASING_STOCK)
              : event == OrderCreationFailed ? EnumSet.of(COMPLETING_ORDER_SAGA) : none();
      case DECREASING_STOCK ->
          event == StockDecreased
              ? EnumSet.of(CREATING_PAYMENT)
              : event == StockDecreaseFailed ? EnumSet.of(CANCELLING_ORDER) : none();
      case CREATING_PAYMENT ->
          event == PaymentCreated
              ? EnumSet.of(COMPLETING_ORDER_SAGA)
              : event == PaymentCreationFailed ? EnumSet.of(INCREASING_STOCK) : none();
      case INCREASING_STOCK -> event == StockIncreased ? EnumSet.of(CANCELLING_ORDER) : none();
      case CANCELLING_ORDER -> event == OrderCancelled ? EnumSet.of(COMPLETING_ORDER_SAGA) : none();
      case COMPLETING_ORDER_SAGA ->
          event == SagaCompleted
              ? EnumSet.of(COMPLETED, CANCELLED)
              : event == PaymentCompleted ? EnumSet.of(COMPLETING_ORDER_SAGA) : none();
      case COMPLETED -> event == PaymentCompleted ? EnumSet.of(COMPLETED) : none();
      case CANCELLED -> none();
    };
  }

  private static Set<SagaState> none() {
    return EnumSet.noneOf(SagaState.class);
  }
}
