package org.storemanager.stock.query;

import java.math.BigDecimal;

/** One product with its stock level: a row of the overview report and of the read model. */
public record StockLine(
    long productId, String name, String sku, BigDecimal unitPrice, int quantity) {}
