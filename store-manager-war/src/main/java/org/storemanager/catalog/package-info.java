/** Users (store staff and customers) and the products the store sells. */
package org.storemanager.catalog;
