package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storemanager.common.saga.SagaBacklog.ConsumerLag;
import org.storemanager.common.saga.SagaBacklog.Member;

/** The consumer lag from the offsets Kafka reports. */
class SagaBacklogTest {

  private static final Map<Integer, Long> ENDS = Map.of(0, 100L, 1, 50L, 2, 7L, 3, 0L);
  private static final Map<Integer, Long> STARTS = Map.of(0, 0L, 1, 10L, 2, 0L, 3, 0L);

  @Test
  void eachConsumerLagsByTheRecordsOfItsPartitionsPastItsCommittedOffsets() {
    List<ConsumerLag> lags =
        SagaBacklog.lagPerConsumer(
            ENDS,
            STARTS,
            Map.of(0, 90L, 1, 50L, 2, 7L, 3, 0L),
            List.of(
                new Member("m1", "lane-1", "/10.0.0.1", Set.of(1, 0)),
                new Member("m2", "lane-2", "/10.0.0.2", Set.of(2, 3))));

    assertEquals(
        List.of(
            new ConsumerLag("m1", "lane-1", "/10.0.0.1", List.of(0, 1), 10),
            new ConsumerLag("m2", "lane-2", "/10.0.0.2", List.of(2, 3), 0)),
        lags);
  }

  @Test
  void aPartitionWithoutCommitsLagsFromItsStart() {
    List<ConsumerLag> lags =
        SagaBacklog.lagPerConsumer(
            ENDS, STARTS, Map.of(), List.of(new Member("m1", "c", "h", Set.of(1))));

    assertEquals(40, lags.get(0).lag(), "50 - 10: the records still on the topic");
  }

  @Test
  void partitionsNobodyHoldsAreOneMoreEntryWhenTheyLag() {
    List<ConsumerLag> lags =
        SagaBacklog.lagPerConsumer(
            ENDS,
            STARTS,
            Map.of(0, 100L, 1, 45L, 2, 0L),
            List.of(new Member("m1", "c", "h", Set.of(0))));

    assertEquals(
        List.of(
            new ConsumerLag("m1", "c", "h", List.of(0), 0),
            new ConsumerLag(null, null, null, List.of(1, 2, 3), 12)),
        lags);
    assertEquals(
        List.of(new ConsumerLag("m1", "c", "h", List.of(0), 0)),
        SagaBacklog.lagPerConsumer(
            ENDS,
            STARTS,
            Map.of(0, 100L, 1, 50L, 2, 7L),
            List.of(new Member("m1", "c", "h", Set.of(0)))),
        "nothing left behind: no extra entry");
  }

  @Test
  void aCommittedOffsetBeyondTheEndIsNoNegativeLag() {
    List<ConsumerLag> lags =
        SagaBacklog.lagPerConsumer(
            Map.of(0, 5L),
            Map.of(0, 0L),
            Map.of(0, 9L),
            List.of(new Member("m", "c", "h", Set.of(0))));

    assertEquals(0, lags.get(0).lag());
  }
}
