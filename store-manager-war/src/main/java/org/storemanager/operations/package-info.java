/**
 * For the people who run the Store Manager: {@code GET /operations/saga} (how far behind the saga
 * is, the newest orders) and the read-only operations page at {@code /console/} that shows it, with
 * one order's event timeline as a sequence diagram (docs/observability.md).
 */
package org.storemanager.operations;
