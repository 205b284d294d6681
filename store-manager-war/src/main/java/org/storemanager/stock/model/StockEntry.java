package org.storemanager.stock.query;

import java.math.BigDecimal;

/** A stock line with the version of its stock row: what the read model stores. */
public record StockEntry(
    long productId, String name, String sku, BigDecimal unitPrice, int quantity, long version) {

  public StockLine line() {
    return new StockLine(productId, name, sku, unitPrice, quantity);
  }
}
