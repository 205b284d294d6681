/**
 * JPA entity of a stock level, and {@code StockEntry}, the level with its product that changes
 * carry.
 */
package org.storemanager.stock.model;
