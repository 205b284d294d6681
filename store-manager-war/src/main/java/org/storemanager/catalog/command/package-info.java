/** Transactional write side of the catalog: create and delete users and products. */
package org.storemanager.catalog.command;
