/**
 * Transactional write side of the catalog: create and delete users and products. Its services are
 * also the catalog's port for the other domains (orders read users and prices here).
 */
package org.storemanager.catalog.command;
