/**
 * Orders: placed through REST, stored in MySQL with their items and unit prices, read from the
 * Redis read model. Follow one order: {@code api.OrderResource} -> {@code command.OrderService} ->
 * {@code query.OrderReadModelUpdater} -> {@code query.OrderReadModel}.
 */
package org.storemanager.orders;
