/**
 * Stock levels. Writes are conditional SQL updates so a level can never go below zero (and a CHECK
 * constraint backs that up); reads come from the Redis read model, except the overview report,
 * which is one join query on MySQL. Other domains use stock through {@code command.StockService}
 * only (the catalog opens and closes levels, the order saga takes and puts back units); stock knows
 * no other domain.
 */
package org.storemanager.stock;
