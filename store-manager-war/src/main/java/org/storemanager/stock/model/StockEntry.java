package org.storemanager.stock.model;

import java.math.BigDecimal;

/**
 * A product's stock level with the version of its stock row: what a stock change announces and what
 * the read model stores. In {@code model} because the write side fires it and the read side stores
 * it.
 */
public record StockEntry(
    long productId, String name, String sku, BigDecimal unitPrice, int quantity, long version) {

  /** The JPQL that reads entries (products joined with their stock rows); append a where clause. */
  public static final String SELECT =
      "select new org.storemanager.stock.model.StockEntry("
          + "p.id, p.name, p.sku, p.price, s.quantity, s.version)"
          + " from Product p join Stock s on s.productId = p.id";
}
