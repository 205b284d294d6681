package org.storemanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the client sends where, without a server. */
class StoreClientTest {

  @Test
  void aPaymentLinkIsPaidThroughTheClientsOwnBaseWithItsKey() {
    assertEquals(
        "/payments/process/437?key=abc-DEF_1",
        StoreClient.paymentPath(
            "http://127.0.0.1:8080/payments-api/payments/process/437?key=abc-DEF_1"));
    assertEquals(
        "/payments/process/9", StoreClient.paymentPath("https://shop.example/payments/process/9"));
  }

  @Test
  void anythingElseIsNotAPaymentLink() {
    assertThrows(
        IllegalArgumentException.class,
        () -> StoreClient.paymentPath("http://127.0.0.1:8080/store-api/orders/1"));
  }
}
