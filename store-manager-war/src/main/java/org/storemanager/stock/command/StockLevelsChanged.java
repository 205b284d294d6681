package org.storemanager.stock.command;

import java.util.List;
import org.storemanager.stock.model.StockEntry;

/**
 * Fired inside a transaction that changed stock, carrying the new levels as that transaction sees
 * them; the read model ({@code stock.query}) applies them after the commit.
 */
public record StockLevelsChanged(List<StockEntry> entries) {}
