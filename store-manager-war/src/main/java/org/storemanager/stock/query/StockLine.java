package org.storemanager.stock.query;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.storemanager.stock.model.StockEntry;

/** One product with its stock level: a row of the overview report and of the read model. */
public record StockLine(
    @Schema(required = true) long productId,
    @Schema(required = true) String name,
    @Schema(required = true) String sku,
    @Schema(required = true) BigDecimal unitPrice,
    @Schema(required = true) int quantity) {

  /** The line of an entry (without the row version, which clients do not see). */
  public static StockLine of(StockEntry entry) {
    return new StockLine(
        entry.productId(), entry.name(), entry.sku(), entry.unitPrice(), entry.quantity());
  }
}
