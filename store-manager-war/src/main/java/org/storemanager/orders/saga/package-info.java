/**
 * The Store Manager's part of the order saga (docs/event-contract.md, docs/state-machine.puml): one
 * class per event it reacts to, named after that event. Each handler moves the order to the state
 * the event leads to, does its step, and records the next event in the outbox, all in the
 * transaction the {@code Inbox} opened for the event. Every handler is here, also those whose step
 * is a stock change: the saga is the order's story, and stock is reached through its port, {@code
 * stock.command.StockService}, so the stock domain knows nothing of orders.
 */
package org.storemanager.orders.saga;
