package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The relay's per-order ordering rule (OutboxBatch), without a database. */
class OutboxOrderingTest {

  private static long[] row(long id, long order) {
    return new long[] {id, order};
  }

  @Test
  void everythingClaimedGoesWhenNothingIsHeldElsewhere() {
    var unsent = List.of(row(1, 10), row(2, 11), row(3, 10));
    assertEquals(List.of(1L, 2L, 3L), OutboxBatch.sendableInOrder(Set.of(1L, 2L, 3L), unsent));
  }

  @Test
  void aRowBehindOneHeldByAnotherInstanceWaits() {
    // Row 1 of order 10 is claimed by another instance: rows 3 and 4 of order 10 must wait,
    // row 2 of order 11 may go.
    var unsent = List.of(row(1, 10), row(2, 11), row(3, 10), row(4, 10));
    assertEquals(List.of(2L), OutboxBatch.sendableInOrder(Set.of(2L, 3L, 4L), unsent));
  }

  @Test
  void aGapInTheClaimStopsTheOrderThere() {
    // We hold rows 1 and 3 of order 10, another instance holds row 2: only row 1 goes now.
    var unsent = List.of(row(1, 10), row(2, 10), row(3, 10));
    assertEquals(List.of(1L), OutboxBatch.sendableInOrder(Set.of(1L, 3L), unsent));
  }
}
