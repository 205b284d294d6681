/** Transactional write side of stock: set, restock, take out for orders, put back. */
package org.storemanager.stock.command;
