/** REST resource for stock levels and the stock overview report. */
package org.storemanager.stock.api;
