/**
 * Transactional write side of stock: open and close a product's level, set, restock, take out for
 * orders, put back; and the events the read model observes ({@code StockLevelsChanged}, {@code
 * StockLevelRemoved}).
 */
package org.storemanager.stock.command;
