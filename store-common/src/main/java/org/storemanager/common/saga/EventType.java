package org.storemanager.common.saga;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code event} values of the saga contract (docs/event-contract.md). The constants are spelled
 * exactly as on the wire.
 */
public enum EventType {
  OrderCreated,
  OrderCreationFailed,
  StockDecreased,
  StockDecreaseFailed,
  PaymentCreated,
  PaymentCreationFailed,
  StockIncreased,
  OrderCancelled,
  SagaCompleted,
  PaymentCompleted,
  /** A finished, unpaid order was deleted: its payment, if any, is voided. */
  OrderDeleted;

  /** The type named {@code name}, or empty for a name outside the contract. */
  public static Optional<EventType> parse(String name) {
    return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
  }
}
