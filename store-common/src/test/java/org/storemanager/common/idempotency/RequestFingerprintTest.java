package org.storemanager.common.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storemanager.common.web.JsonNaming;

class RequestFingerprintTest {

  public record Item(Long productId, Integer quantity) {}

  public record Order(Long userId, List<Item> items) {}

  public record Payment(Long userId, Long orderId, BigDecimal totalAmount) {}

  public record Named(String name) {}

  /** The request as a resource receives it: parsed by the REST contract's JSON-B. */
  private static <T> T parsed(String json, Class<T> type) {
    return JsonNaming.jsonb().fromJson(json, type);
  }

  @Test
  void isTheHexSha256OfTheCanonicalJson() {
    Order order = new Order(1L, List.of(new Item(2L, 3)));
    assertEquals(
        "{\"items\":[{\"product_id\":2,\"quantity\":3}],\"user_id\":1}",
        RequestFingerprint.canonicalJson(order));
    String fingerprint = RequestFingerprint.of(order);
    assertEquals(64, fingerprint.length());
    assertTrue(fingerprint.matches("[0-9a-f]{64}"));
  }

  @Test
  void whitespaceAndFieldOrderDoNotMatter() {
    Order compact =
        parsed("{\"user_id\":1,\"items\":[{\"product_id\":2,\"quantity\":3}]}", Order.class);
    Order spread =
        parsed(
            "{\n  \"items\" : [ { \"quantity\" : 3 , \"product_id\" : 2 } ],\n  \"user_id\" : 1\n}",
            Order.class);
    assertEquals(RequestFingerprint.of(compact), RequestFingerprint.of(spread));
  }

  @Test
  void theSameAmountWrittenDifferentlyIsTheSameRequest() {
    String number = RequestFingerprint.of(parsed(payment("59.98"), Payment.class));
    assertEquals(number, RequestFingerprint.of(parsed(payment("59.980"), Payment.class)));
    assertEquals(number, RequestFingerprint.of(parsed(payment("\"59.98\""), Payment.class)));
    assertEquals(
        RequestFingerprint.of(parsed(payment("100"), Payment.class)),
        RequestFingerprint.of(parsed(payment("100.00"), Payment.class)));
  }

  @Test
  void anyChangedValueIsAnotherRequest() {
    String base = RequestFingerprint.of(new Order(1L, List.of(new Item(2L, 3))));
    assertNotEquals(base, RequestFingerprint.of(new Order(1L, List.of(new Item(2L, 4)))));
    assertNotEquals(base, RequestFingerprint.of(new Order(2L, List.of(new Item(2L, 3)))));
    assertNotEquals(
        base, RequestFingerprint.of(new Order(1L, List.of(new Item(2L, 3), new Item(5L, 1)))));
    assertNotEquals(
        RequestFingerprint.of(parsed(payment("59.98"), Payment.class)),
        RequestFingerprint.of(parsed(payment("59.99"), Payment.class)));
  }

  @Test
  void theOrderOfListElementsCounts() {
    assertNotEquals(
        RequestFingerprint.of(new Order(1L, List.of(new Item(2L, 1), new Item(3L, 1)))),
        RequestFingerprint.of(new Order(1L, List.of(new Item(3L, 1), new Item(2L, 1)))));
  }

  @Test
  void anAbsentFieldAndANullOneAreTheSame() {
    assertEquals(
        RequestFingerprint.of(parsed("{\"user_id\":1}", Order.class)),
        RequestFingerprint.of(parsed("{\"user_id\":1,\"items\":null}", Order.class)));
  }

  @Test
  void stringsAreEscapedInTheCanonicalForm() {
    assertEquals(
        "{\"name\":\"a\\\"b\\\\c\\n\"}", RequestFingerprint.canonicalJson(new Named("a\"b\\c\n")));
  }

  private static String payment(String amount) {
    return "{\"user_id\":7,\"order_id\":42,\"total_amount\":" + amount + "}";
  }
}
