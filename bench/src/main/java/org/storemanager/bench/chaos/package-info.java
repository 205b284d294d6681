/**
 * The chaos harness ({@code ./stack chaos}): runs of open-model order load against the real stack
 * with one randomized fault each (a crash, a stop, a broker or database restart, a Redis flush),
 * then checks invariants on the state the services left in MariaDB and Redis. Everything random
 * comes from the run's seed, so a run can be replayed. The checks ({@link
 * org.storemanager.bench.chaos.Invariants}) are plain functions of plain records, tested without a
 * stack.
 */
package org.storemanager.bench.chaos;
