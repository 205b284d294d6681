/** JPA entities of the catalog. */
package org.storemanager.catalog.model;
