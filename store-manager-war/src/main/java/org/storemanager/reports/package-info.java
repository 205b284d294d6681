/**
 * Sales reports (highest spenders, best sellers) kept in Redis sorted sets that every order
 * placement or deletion adjusts by its own amounts: a report request reads the top of a sorted set,
 * never all orders.
 */
package org.storemanager.reports;
