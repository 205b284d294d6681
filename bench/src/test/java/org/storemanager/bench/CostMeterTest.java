package org.storemanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostMeterTest {

  private static final String STATE = "/w/.stack";
  private static final String LAUNCHER = STATE + "/liberty/wlp/bin/tools/ws-server.jar ";

  @Test
  void readsUserAndSystemTicksEvenWhenTheNameHoldsSpaces() {
    String stat =
        "4242 (Default Executor) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 8 9 20 0 90 0";
    assertEquals(1234 + 567, CostMeter.ticksOfStatLine(stat));
  }

  @Test
  void namesTheStacksProcessesFromTheirCommandLines() {
    assertEquals(
        "store-manager",
        CostMeter.componentOf("java -jar " + LAUNCHER + "store-manager --clean", STATE, LAUNCHER));
    assertEquals(
        "store-manager-2",
        CostMeter.componentOf("java -jar " + LAUNCHER + "store-manager-2", STATE, LAUNCHER));
    assertEquals(
        "mariadb",
        CostMeter.componentOf(
            "mariadbd --no-defaults --datadir=" + STATE + "/db", STATE, LAUNCHER));
    assertEquals(
        "kafka (node-2)",
        CostMeter.componentOf(
            "java -cp x kafka.Kafka " + STATE + "/kafka/node-2/server.properties",
            STATE,
            LAUNCHER));
    assertEquals(
        "gateway (bench)",
        CostMeter.componentOf("/x/krakend run -c /x/bench-krakend.json", STATE, LAUNCHER));
    assertEquals("redis", CostMeter.componentOf("redis-server 127.0.0.1:6379", STATE, LAUNCHER));
    assertNull(CostMeter.componentOf("mariadbd --datadir=/var/lib/mysql", STATE, LAUNCHER));
    assertNull(CostMeter.componentOf("", STATE, LAUNCHER));
  }

  @Test
  void dividesTheDeltasByTheOrdersAndDiscountsItsOwnStatement() {
    var before =
        new CostMeter.Snapshot(
            0, Map.of("Questions", 1000L, "Com_commit", 100L), Map.of("store-manager", 50L));
    var after =
        new CostMeter.Snapshot(
            2_000_000_000L,
            Map.of("Questions", 3001L, "Com_commit", 600L),
            Map.of("store-manager", 250L));
    StepCost cost = CostMeter.between(50, 100, before, after);
    assertEquals(20.0, cost.statements());
    assertEquals(5.0, cost.commits());
    assertEquals(20.0, cost.cpuMsPerOrder().get("store-manager")); // 200 ticks x 10 ms / 100
    assertEquals(100.0, cost.corePercent("store-manager"), 1e-9); // 2 s of CPU in 2 s
    assertTrue(cost.cpuMsTotal() > 0);
  }
}
