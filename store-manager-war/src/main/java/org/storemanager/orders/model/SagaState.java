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
}
