package org.storemanager.stock.command;

/**
 * Fired inside the transaction that removed a product's stock level (the product is deleted); the
 * read model ({@code stock.query}) drops it after the commit.
 */
public record StockLevelRemoved(long productId) {}
