/** Transactional write side of orders, and the events it fires for the read models. */
package org.storemanager.orders.command;
