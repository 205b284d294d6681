package org.storemanager.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storemanager.bench.chaos.RunPlan.OrderPlan;

/** What a seed decides: the same every time, and a run that exercises every path. */
class RunPlanTest {

  static final BigDecimal LIMIT = new BigDecimal("100000.00");
  static final Duration LOAD = Duration.ofSeconds(20);

  static RunPlan plan(long seed, int brokers) {
    return RunPlan.of(seed, 8, LOAD, LIMIT, brokers);
  }

  @Test
  void aSeedAlwaysGivesTheSamePlan() {
    assertEquals(plan(42, 3), plan(42, 3));
    assertNotEquals(plan(42, 3), plan(43, 3));
  }

  @Test
  void replayingARunsSeedGivesThatRunsPlan() {
    // --seed S --runs 3 runs S, next(S), next(next(S)); --seed next(S) --runs 1 runs next(S) first
    long base = Seeds.parse("0x00000000000004d2");
    long third = Seeds.next(Seeds.next(base));
    assertEquals(plan(third, 1), plan(Seeds.parse(Seeds.format(third)), 1));
    assertEquals(1234, base);
    assertEquals(-1L, Seeds.parse("0xffffffffffffffff"));
    assertEquals(-5L, Seeds.parse("-5"));
  }

  @Test
  void demandExceedsSupplyAndSomeOrdersExceedThePaymentLimit() {
    for (long seed = 0; seed < 50; seed++) {
      RunPlan p = plan(seed, 3);
      assertEquals(160, p.orders().size());
      assertEquals(4, p.products().size());
      int[] demand = new int[4];
      int aboveLimit = 0;
      int payable = 0;
      for (OrderPlan o : p.orders()) {
        o.lines().forEach((product, units) -> demand[product] += units);
        BigDecimal total = o.total(p.products());
        if (total.compareTo(LIMIT) > 0) {
          aboveLimit++;
        } else if (o.lines().containsKey(3)) {
          payable++;
        }
        assertTrue(!o.lines().isEmpty() && o.lines().size() <= 3, o.toString());
      }
      for (int i = 0; i < 4; i++) {
        int stock = p.products().get(i).stock();
        assertTrue(stock >= 1 && stock < demand[i], "seed " + seed + " product " + i);
      }
      assertTrue(aboveLimit > 0, "seed " + seed + ": no order above the payment limit");
      assertTrue(payable > 0, "seed " + seed + ": the expensive product is never bought alone");
      assertEquals(new BigDecimal("60000.00"), p.products().get(3).price());
      long duplicates = p.orders().stream().filter(OrderPlan::duplicate).count();
      assertTrue(duplicates >= 5 && duplicates <= 35, "seed " + seed + ": " + duplicates);
      assertTrue(p.orders().stream().anyMatch(OrderPlan::pay));
    }
  }

  @Test
  void faultsCoverEveryClassInsideTheLoadWindow() {
    Set<String> classes = new HashSet<>();
    Set<String> brokers = new HashSet<>();
    for (long seed = 0; seed < 300; seed++) {
      Fault f = Fault.choose(new Random(seed), 3, LOAD);
      classes.add(f.faultClass());
      assertTrue(f.momentMs() >= 1000 && f.momentMs() <= 17_000, f.toString());
      if (f.action() == Fault.Action.FLUSHALL) {
        assertEquals(0, f.downMs());
        assertEquals(List.of(), f.restoreCommand());
      } else {
        assertTrue(f.downMs() >= 2000 && f.downMs() <= 8000, f.toString());
        assertEquals(List.of("start", f.target()), f.restoreCommand());
      }
      if (f.target().startsWith("kafka")) {
        brokers.add(f.target());
      }
    }
    assertEquals(
        Set.of(
            "kill service",
            "stop service",
            "kill broker",
            "kill mariadb",
            "stop mariadb",
            "kill redis",
            "flushall redis"),
        classes);
    assertEquals(Set.of("kafka-2", "kafka-3"), brokers, "never the first broker of three");
  }

  @Test
  void withOneBrokerTheBrokerFaultIsKafkaItself() {
    for (long seed = 0; seed < 200; seed++) {
      Fault f = Fault.choose(new Random(seed), 1, LOAD);
      if (f.faultClass().equals("kill broker")) {
        assertEquals(List.of("kill", "kafka"), f.injectCommand());
      }
    }
  }

  @Test
  void faultClassesNameTheKindOfTarget() {
    assertEquals("kill service", Fault.classOf("kill store-manager-2"));
    assertEquals("stop service", Fault.classOf("stop payment"));
    assertEquals("kill broker", Fault.classOf("kill kafka-3"));
    assertEquals("kill broker", Fault.classOf("kill kafka"));
    assertEquals("stop mariadb", Fault.classOf("stop mariadb"));
    assertEquals("flushall redis", Fault.classOf("flushall redis"));
  }

  @Test
  void brokersAreCountedFromTheSettingOrTheBootstrapList() {
    assertEquals(3, ChaosConfig.brokerCount("3", "127.0.0.1:9092"));
    assertEquals(3, ChaosConfig.brokerCount("kafka,kafka-2,kafka-3", "127.0.0.1:9092"));
    assertEquals(1, ChaosConfig.brokerCount("", "127.0.0.1:9092"));
    assertEquals(3, ChaosConfig.brokerCount("", "127.0.0.1:9092,127.0.0.1:9094, 127.0.0.1:9096"));
  }
}
