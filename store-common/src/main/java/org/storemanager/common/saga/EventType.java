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
  /** A finished order was deleted: its payment, if any, is voided (and refunded if it was paid). */
  OrderDeleted,
  /**
   * The payment service gave the money of a paid payment back: its order was cancelled or deleted
   * (a DELETE or the deadline that raced with the payment). Published by the payment service; no
   * handler changes state on it, it is the record that the refund happened.
   */
  PaymentRefunded;

  /** The type named {@code name}, or empty for a name outside the contract. */
  public static Optional<EventType> parse(String name) {
    return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
  }
}
