/** JPA entities of the order aggregate: an order and its items. */
package org.storemanager.orders.model;
