package org.storemanager.common.saga;

import java.util.Optional;
import java.util.Set;

/**
 * What a service knows, in the transaction that writes an outbox row, about the rows of the same
 * aggregate (order) that must be published before it. With that, the relay can send the row right
 * after commit from memory, without reading it back ({@link OutboxRelay}, ADR 0005, "rows the
 * writer vouches for"). A service provides at most one CDI bean of this type; without one, or when
 * it answers empty, the relay asks the database, as for any row ({@link OutboxBatch#COMMITTED}).
 *
 * <p>An answer must hold at commit: the rows it names are all the unsent rows of the aggregate that
 * can come before this one. A service can vouch when every writer of the aggregate's rows changes
 * the aggregate in the same transaction, with a version check (then a writer that committed since
 * this transaction read the aggregate makes it fail), or when the transaction created the aggregate
 * (then nobody wrote a row of it before). {@link Outbox} adds the rows the transaction itself wrote
 * before.
 */
public interface OutboxPrecedence {

  /**
   * The ids of the aggregate's unsent rows that come before a row this transaction writes, as read
   * with the aggregate; empty if this service cannot vouch for it here.
   */
  Optional<Set<Long>> unsentBefore(long aggregateId);
}
