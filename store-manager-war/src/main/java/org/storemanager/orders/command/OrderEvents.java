package org.storemanager.orders.command;

import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.OrderView;

/**
 * CDI events fired inside the transaction that changed an order. Observers with {@code
 * AFTER_SUCCESS} (read models, reports) see them only once that transaction committed. Each carries
 * the order as committed, so observers need not read the database again.
 */
public final class OrderEvents {

  private OrderEvents() {}

  /** A new order (its saga starts). */
  public record OrderPlaced(OrderView order) {}

  /**
   * Any later change of {@code changed}: saga state, payment link, paid. Its view is taken when an
   * observer asks ({@link #order}), after commit: it then carries the version the commit gave, and
   * steps that change one order several times in one transaction (a saga step and its follow-ups)
   * need one UPDATE, not one each.
   */
  public record OrderUpdated(Order changed) {
    public OrderUpdated {
      changed.getItems().size(); // loaded now, while the transaction runs: the view needs them
    }

    public OrderView order() {
      return OrderView.of(changed);
    }
  }

  /** The saga completed successfully: the order now counts in the sales reports. */
  public record OrderCompleted(OrderView order) {}

  public record OrderDeleted(OrderView order) {}

  /**
   * The saga reached COMPLETED or CANCELLED (once per order), after {@code duration} when known
   * (the saga_duration_seconds metric).
   */
  public record OrderSagaEnded(OrderView order, java.util.Optional<java.time.Duration> duration) {}
}
