package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.storemanager.common.web.JsonNaming;

/** The payment service's share of a timeline, as it travels: snake_case JSON, nulls written. */
class OrderEventLogTest {

  private static final OrderEventLog LOG =
      new OrderEventLog(
          12,
          "payment",
          List.of(
              new OrderEventLog.Published(
                  "e3", "PaymentCreated", "2026-12-01T14:00:01.100Z", null)),
          List.of(
              new OrderEventLog.Processed("e2", "StockDecreased", "2026-12-01T14:00:01Z", null)));

  @Test
  void itIsWrittenInSnakeCaseWithItsNulls() {
    String json = JsonNaming.jsonb().toJson(LOG);

    assertTrue(json.contains("\"order_id\":12"), json);
    assertTrue(json.contains("\"created_at\":\"2026-12-01T14:00:01.100Z\""), json);
    assertTrue(json.contains("\"sent_at\":null"), json);
    assertTrue(json.contains("\"processed_at\":\"2026-12-01T14:00:01Z\""), json);
    assertTrue(json.contains("\"state_after\":null"), json);
  }

  @Test
  void theStoreManagerReadsBackWhatThePaymentServiceWrote() {
    assertEquals(
        LOG, JsonNaming.jsonb().fromJson(JsonNaming.jsonb().toJson(LOG), OrderEventLog.class));
  }
}
