/** Read side of orders: the view served to clients, its Redis read model and its SQL source. */
package org.storemanager.orders.query;
