package org.storemanager.stock.query;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of products with their stock levels, and how many products match in all. */
public record StockPage(
    @Schema(required = true) List<StockLine> items,
    @Schema(required = true, minimum = "1") int page,
    @Schema(required = true, minimum = "1") int size,
    @Schema(required = true, minimum = "0") long total) {}
