package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event message: its JSON shape and how one event leads to the next. */
class SagaEventTest {

  private final SagaEvent created =
      SagaEvent.start(
          EventType.OrderCreated,
          "9b0c6d52-5c1e-4f7e-9a55-0c1b2d3e4f50",
          42,
          7,
          new BigDecimal("11.50"),
          List.of(new SagaEvent.Item(3, 2, new BigDecimal("5.75"))));

  @Test
  void serializesWithTheContractsSnakeCaseNamesAndOmitsAbsentFields() {
    String json = created.toJson();
    assertTrue(json.contains("\"event\":\"OrderCreated\""), json);
    assertTrue(json.contains("\"order_id\":42"), json);
    assertTrue(
        json.contains("\"order_items\":[{\"product_id\":3,\"quantity\":2,\"unit_price\":5.75}]"),
        json);
    assertFalse(json.contains("payment_link"), json);
    assertEquals(created, SagaEvent.fromJson(json));
  }

  @Test
  void theNextEventKeepsTheSagaButHasItsOwnIdentity() {
    SagaEvent failed = created.next(EventType.StockDecreaseFailed).withError("no stock");
    SagaEvent cancelled = failed.next(EventType.OrderCancelled);
    assertEquals(created.correlationId(), cancelled.correlationId());
    assertNotEquals(failed.eventId(), cancelled.eventId());
    assertEquals("no stock", cancelled.error());
    assertEquals(created.orderItems(), cancelled.orderItems());
  }

  @Test
  void recordsOutsideTheContractAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SagaEvent.fromJson("{\"event\":\"Nope\",\"event_id\":\"1\"}"));
    assertThrows(
        IllegalArgumentException.class, () -> SagaEvent.fromJson("{\"event\":\"OrderCreated\"}"));
    assertThrows(RuntimeException.class, () -> SagaEvent.fromJson("not json"));
  }
}
