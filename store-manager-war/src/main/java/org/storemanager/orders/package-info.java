/**
 * Orders: placed through REST, stored in MySQL with their items and unit prices, read from the
 * Redis read model, and carried through the saga. Follow one order, file by file:
 * docs/follow-an-order.md ({@code api.OrderResource} -> {@code command.OrderService} -> {@code
 * query.OrderReadModelUpdater} -> {@code saga.OrderCreatedHandler} -> ... -> {@code
 * saga.SagaCompletedHandler}).
 */
package org.storemanager.orders;
