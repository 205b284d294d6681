/** Read side of stock: the Redis read model and the SQL queries it is built from. */
package org.storemanager.stock.query;
