/**
 * End-to-end tests: HTTP against the running stack ({@code ./stack up}: Liberty, MariaDB, Redis),
 * asserting the state in MySQL and Redis too. Each test creates its own users and products and
 * deletes them (through the API, so the read models stay consistent) when it ends.
 */
package org.storemanager.it;
