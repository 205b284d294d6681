package org.storemanager.orders.model;

import org.storemanager.common.saga.EventType;

/**
 * An order was asked to make a move its state machine does not have ({@link SagaState#targets}):
 * nothing of the order changed. Saga handlers log and skip the event (a late or replayed copy);
 * commands answer 409.
 */
public class SagaMoveRefused extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  SagaMoveRefused(Long orderId, SagaState state, String move) {
    super("Order " + orderId + " is " + state + ": " + move + " is not a move it can make");
  }

  static SagaMoveRefused on(Long orderId, SagaState state, EventType event) {
    return new SagaMoveRefused(orderId, state, event.name());
  }
}
