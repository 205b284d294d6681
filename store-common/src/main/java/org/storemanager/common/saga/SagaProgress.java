package org.storemanager.common.saga;

import java.util.Optional;

/**
 * The saga state of an order as this service sees it, for the inbox record of each event it handles
 * ({@code processed_events.state_after}, shown in the order's event timeline). A service that keeps
 * saga states (the Store Manager) provides one CDI bean of this type; a service without (the
 * payment service) provides none, and the column stays empty.
 *
 * <p>{@link Inbox#deliver} calls it after the handlers, inside their transaction: an implementation
 * should read what the handlers already loaded (the same persistence context) rather than query.
 */
public interface SagaProgress {

  /** The order's current saga state, or empty if this service does not know the order. */
  Optional<String> stateOf(long orderId);
}
