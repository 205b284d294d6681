package org.storemanager.orders.model;

/**
 * Where an order is in its saga (docs/state-machine.puml): the running states of the seed's state
 * machine, then a terminal outcome.
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
   * The transitions of the state machine (docs/state-machine.puml). A saga event that would move an
   * order along any other edge is a late or replayed copy and is ignored: a finished order is never
   * reopened, stock is never taken twice.
   */
  public boolean canMoveTo(SagaState next) {
    return switch (this) {
      case CREATING_ORDER -> next == DECREASING_STOCK || next == COMPLETING_ORDER_SAGA;
      case DECREASING_STOCK -> next == CREATING_PAYMENT || next == CANCELLING_ORDER;
      case CREATING_PAYMENT -> next == COMPLETING_ORDER_SAGA || next == INCREASING_STOCK;
      case INCREASING_STOCK -> next == CANCELLING_ORDER;
      case CANCELLING_ORDER -> next == COMPLETING_ORDER_SAGA;
      case COMPLETING_ORDER_SAGA -> next == COMPLETED || next == CANCELLED;
      case COMPLETED, CANCELLED -> false;
    };
  }
}
