/** REST resources for users and products: validate, convert, call the command services. */
package org.storemanager.catalog.api;
