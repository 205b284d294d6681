/**
 * The order aggregate: the JPA entities (an order and its items), its saga state machine, and
 * {@code OrderView}, the snapshot of a committed order that the events carry. Uses nothing of the
 * Store Manager but the saga's {@code EventType}.
 */
package org.storemanager.orders.model;
