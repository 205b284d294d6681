/** REST resource for orders. */
package org.storemanager.orders.api;
