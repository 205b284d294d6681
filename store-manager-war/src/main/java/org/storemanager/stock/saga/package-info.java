/** The saga handlers whose step is a stock change: take the units, or give them back. */
package org.storemanager.stock.saga;
