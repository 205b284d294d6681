/** JPA entity of a stock level. */
package org.storemanager.stock.model;
