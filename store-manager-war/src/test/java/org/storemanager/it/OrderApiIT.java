package org.storemanager.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.queryLongIn;
import static org.storemanager.it.Stack.redis;
import static org.storemanager.it.Stack.store;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orders: placement with stock taken in the same transaction, read model, payment, deletion. */
class OrderApiIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void placesAnOrderAtCurrentPricesAndItsSagaTakesTheStock() {
    long user = fixtures.user();
    long keyboard = fixtures.product("59.50", 10);
    long gadget = fixtures.product("5.75", 3);

    var response =
        store()
            .body(Fixtures.orderBody(user, keyboard, 2, gadget, 3))
            .post("/orders")
            .then()
            .statusCode(201)
            .extract();
    long order = response.jsonPath().getLong("order_id");
    fixtures.track("/orders/" + order);
    assertEquals(Stack.STORE_URL + "/orders/" + order, response.header("Location"));
    assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));

    store()
        .get("/orders/" + order)
        .then()
        .statusCode(200)
        .body("order_id", equalTo((int) order))
        .body("user_id", equalTo((int) user))
        .body("total_amount", equalTo(136.25f)) // 2 x 59.50 + 3 x 5.75
        .body("items", hasSize(2))
        .body("items.find { it.product_id == " + keyboard + " }.unit_price", equalTo(59.5f))
        .body("items.find { it.product_id == " + gadget + " }.quantity", equalTo(3))
        .body("is_paid", equalTo(false))
        .body("saga_state", equalTo("COMPLETED"))
        .body("payment_link", startsWith("http"));

    assertEquals(13625L, queryLong("select total_amount * 100 from orders where id = ?", order));
    assertEquals(
        5950L,
        queryLong(
            "select unit_price * 100 from order_items where order_id = ? and product_id = ?",
            order,
            keyboard));
    assertEquals(8L, queryLong("select quantity from stocks where product_id = ?", keyboard));
    assertEquals(0L, queryLong("select quantity from stocks where product_id = ?", gadget));
    store().get("/stocks/" + gadget).then().body("quantity", equalTo(0));
  }

  @Test
  void mergesLinesForTheSameProduct() {
    long user = fixtures.user();
    long product = fixtures.product("2.00", 10);
    long order = fixtures.order(user, product, 1, product, 2);
    store()
        .get("/orders/" + order)
        .then()
        .body("items", hasSize(1))
        .body("items[0].quantity", equalTo(3))
        .body("total_amount", equalTo(6.0f));
    assertEquals(7L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void insufficientStockOnOneLineCancelsTheOrderAndTakesNothing() {
    long user = fixtures.user();
    long plenty = fixtures.product("1.00", 100);
    long scarce = fixtures.product("1.00", 2);

    long order = fixtures.placeOrder(user, plenty, 5, scarce, 3);

    var outcome = Fixtures.awaitOutcome(order);
    assertEquals("CANCELLED", outcome.getString("saga_state"));
    assertEquals(
        "Insufficient stock for product " + scarce + ": 3 requested, 2 available",
        outcome.getString("error"));
    assertEquals(100L, queryLong("select quantity from stocks where product_id = ?", plenty));
    assertEquals(2L, queryLong("select quantity from stocks where product_id = ?", scarce));
    assertEquals("100", redis().hget("stock:" + plenty, "quantity"));
    assertEquals(
        0L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
  }

  @Test
  void unknownUserOrProductIsRefusedWithoutWriting() {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 10);
    store()
        .body(Fixtures.orderBody(987654321L, product, 1))
        .post("/orders")
        .then()
        .statusCode(422)
        .body("error", equalTo("User 987654321 does not exist"));
    store()
        .body(Fixtures.orderBody(user, product, 1, 987654321L, 1))
        .post("/orders")
        .then()
        .statusCode(422)
        .body("error", equalTo("Product 987654321 does not exist"));
    assertEquals(0L, queryLong("select count(*) from orders where user_id = ?", user));
    assertEquals(10L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void recordsThePaymentInMysqlAndTheReadModel() {
    long user = fixtures.user();
    long product = fixtures.product("10.00", 5);
    long order = fixtures.order(user, product, 1);
    String link = "http://127.0.0.1:8080/payments-api/payments/process/42";
    int version = store().get("/orders/" + order).then().extract().path("version");

    store()
        .body(Map.of("order_id", order, "is_paid", true, "payment_link", link))
        .put("/orders")
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(true))
        .body("version", equalTo(version + 1));

    store()
        .get("/orders/" + order)
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(true))
        .body("payment_link", equalTo(link));
    assertEquals(1L, queryLong("select is_paid from orders where id = ?", order));
    assertEquals(Integer.toString(version + 1), redis().hget("order:" + order, "version"));

    store()
        .body(Map.of("order_id", 987654321L, "is_paid", true))
        .put("/orders")
        .then()
        .statusCode(404)
        .body("error", containsString("987654321"));
  }

  @Test
  void deletingACompletedOrderGivesItsStockBack() {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 5);
    long order = fixtures.order(user, product, 4);
    assertEquals(1L, queryLong("select quantity from stocks where product_id = ?", product));

    store().delete("/orders/" + order).then().statusCode(204);

    store()
        .get("/orders/" + order)
        .then()
        .statusCode(404)
        .body("error", equalTo("Order " + order + " does not exist"));
    assertEquals(5L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals(0L, queryLong("select count(*) from order_items where order_id = ?", order));
    assertNull(redis().hget("order:" + order, "json"));
    store().get("/stocks/" + product).then().body("quantity", equalTo(5));
  }

  @Test
  void deletingACancelledOrderLeavesTheStockAlone() {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 2);
    long order = fixtures.placeOrder(user, product, 3); // more than in stock: cancelled
    assertEquals("CANCELLED", Fixtures.awaitOutcome(order).getString("saga_state"));

    store().delete("/orders/" + order).then().statusCode(204);

    assertEquals(2L, queryLong("select quantity from stocks where product_id = ?", product));
    store().get("/stocks/" + product).then().body("quantity", equalTo(2));
  }

  @Test
  void aPaidOrderIsNotDeletedUntilItsRefundIsRecorded() {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 5);
    long order = fixtures.order(user, product, 2);
    store().body(Map.of("order_id", order, "is_paid", true)).put("/orders").then().statusCode(200);

    store()
        .delete("/orders/" + order)
        .then()
        .statusCode(409)
        .body(
            "error",
            equalTo(
                "Order " + order + " is paid: a paid order cannot be deleted (refund it first)"));
    assertEquals(3L, queryLong("select quantity from stocks where product_id = ?", product));

    store().body(Map.of("order_id", order, "is_paid", false)).put("/orders").then().statusCode(200);
    store().delete("/orders/" + order).then().statusCode(204);
    assertEquals(5L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void deletingAnUnpaidOrderVoidsItsPayment() {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 5);
    long order = fixtures.order(user, product, 1);
    long payment =
        store().get("/orders/" + order).then().extract().jsonPath().getLong("payment_id");

    store().delete("/orders/" + order).then().statusCode(204);

    Stack.eventually(
        Fixtures.SAGA_TIMEOUT,
        "payment " + payment + " voided (OrderDeleted)",
        () ->
            queryLongIn(
                    "payment",
                    "select count(*) from payments where id = ? and voided_at is not null",
                    payment)
                == 1L);
    Stack.assertPaymentRefusedAsVoided(payment);
  }

  @Test
  void noPaymentCanBeRecordedForAnOrderThatIsNotCompleted() {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 1);
    long order = fixtures.placeOrder(user, product, 2); // short: cancelled
    assertEquals("CANCELLED", Fixtures.awaitOutcome(order).getString("saga_state"));

    store()
        .body(Map.of("order_id", order, "is_paid", true))
        .put("/orders")
        .then()
        .statusCode(409)
        .body("error", containsString("only a COMPLETED order"));
    assertEquals(0L, queryLong("select is_paid from orders where id = ?", order));
    assertEquals(false, store().get("/orders/" + order).path("is_paid"));
  }
}
