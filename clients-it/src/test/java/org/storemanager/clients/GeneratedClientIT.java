package org.storemanager.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.clients.payment.api.PaymentsApi;
import org.storemanager.clients.payment.model.PaymentProcessed;
import org.storemanager.clients.payment.model.ProcessPaymentRequest;
import org.storemanager.clients.payment.model.ProcessPaymentRequestCardCode;
import org.storemanager.clients.payment.model.ProcessPaymentRequestCardNumber;
import org.storemanager.clients.store.ApiClient;
import org.storemanager.clients.store.ApiException;
import org.storemanager.clients.store.api.OrdersApi;
import org.storemanager.clients.store.api.ProductsApi;
import org.storemanager.clients.store.api.ReportsApi;
import org.storemanager.clients.store.api.StocksApi;
import org.storemanager.clients.store.api.UsersApi;
import org.storemanager.clients.store.model.BestSeller;
import org.storemanager.clients.store.model.CreateProductRequest;
import org.storemanager.clients.store.model.CreateProductRequestPrice;
import org.storemanager.clients.store.model.CreateUserRequest;
import org.storemanager.clients.store.model.ItemRequest;
import org.storemanager.clients.store.model.OrderView;
import org.storemanager.clients.store.model.PlaceOrderRequest;
import org.storemanager.clients.store.model.SagaState;
import org.storemanager.clients.store.model.SetStockRequest;
import org.storemanager.clients.store.model.Spender;
import org.storemanager.clients.store.model.StockLine;
import org.storemanager.clients.store.model.UpdatePaymentRequest;
import org.storemanager.common.testing.DevTokens;

/**
 * A staff member's day through the gateway, with only the Java clients openapi-generator makes from
 * docs/openapi/ (this module's build): a user and a product, the product's stock, an order placed
 * with an Idempotency-Key (and retried), the order followed to COMPLETED, paid through its payment
 * link (the link's key, no token), then the three reports. If the documents did not describe what
 * the services answer, the generated code would not compile, not deserialize or not reach the right
 * paths.
 */
class GeneratedClientIT {

  private static final String GATEWAY = System.getProperty("gateway.url", "http://127.0.0.1:8080");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final ApiClient store = storeClient();
  private final UsersApi users = new UsersApi(store);
  private final ProductsApi products = new ProductsApi(store);
  private final StocksApi stocks = new StocksApi(store);
  private final OrdersApi orders = new OrdersApi(store);
  private final ReportsApi reports = new ReportsApi(store);
  private final Deque<Runnable> cleanUp = new ArrayDeque<>();

  private static ApiClient storeClient() {
    String token = DevTokens.bearer("manager");
    ApiClient client = new ApiClient();
    client.updateBaseUri(GATEWAY + "/store-api");
    client.setRequestInterceptor(request -> request.header("Authorization", token));
    client.setReadTimeout(Duration.ofSeconds(10));
    return client;
  }

  @AfterEach
  void removeWhatTheTestCreated() {
    while (!cleanUp.isEmpty()) {
      cleanUp.pop().run();
    }
  }

  @Test
  void placeFollowPayAndReportWithTheGeneratedClientsOnly() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    long user =
        users
            .createUser(
                new CreateUserRequest()
                    .name("Generated Client " + unique)
                    .email("generated-" + unique + "@example.com"))
            .getUserId();
    cleanUp.push(() -> quietly(() -> users.deleteUser(user)));
    long product =
        products
            .createProduct(
                new CreateProductRequest()
                    .name("Generated client widget " + unique)
                    .sku("GEN-" + unique)
                    .price(new CreateProductRequestPrice(new BigDecimal("2.50"))))
            .getProductId();
    cleanUp.push(() -> quietly(() -> products.deleteProduct(product)));
    assertEquals(product, products.getProduct(product).getId());

    assertEquals(
        10, stocks.setStock(new SetStockRequest().productId(product).quantity(10)).getQuantity());

    PlaceOrderRequest request =
        new PlaceOrderRequest()
            .userId(user)
            .addItemsItem(new ItemRequest().productId(product).quantity(3));
    String key = UUID.randomUUID().toString();
    long order = orders.placeOrder(request, key).getOrderId();
    cleanUp.push(() -> deleteOrder(order));
    // A retry with the same key is the same order, not a second one.
    assertEquals(order, orders.placeOrder(request, key).getOrderId());

    OrderView completed =
        poll(
            "order " + order + " COMPLETED",
            () -> {
              OrderView view = get(() -> orders.getOrder(order));
              assertNotEquals(SagaState.CANCELLED, view.getSagaState(), view::toString);
              return view.getSagaState() == SagaState.COMPLETED && view.getPaymentLink() != null
                  ? Optional.of(view)
                  : Optional.empty();
            });
    assertEquals(0, new BigDecimal("7.50").compareTo(completed.getTotalAmount()));
    assertFalse(completed.getIsPaid());
    assertEquals(1, completed.getItems().size());

    // The link is the capability: its own base URL (the gateway) and key, no token.
    URI link = URI.create(completed.getPaymentLink());
    String path = link.getPath();
    long payment = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    org.storemanager.clients.payment.ApiClient viaLink =
        new org.storemanager.clients.payment.ApiClient();
    viaLink.updateBaseUri(
        completed.getPaymentLink().substring(0, completed.getPaymentLink().indexOf("/payments/")));
    PaymentProcessed paid =
        new PaymentsApi(viaLink)
            .processPayment(
                payment,
                new ProcessPaymentRequest()
                    .cardNumber(new ProcessPaymentRequestCardNumber("4111 1111 1111 1111"))
                    .cardCode(new ProcessPaymentRequestCardCode("123"))
                    .expirationDate("12/30"),
                keyOf(link));
    assertTrue(paid.getIsPaid());
    assertEquals(order, paid.getOrderId());
    assertEquals(payment, paid.getPaymentId());
    poll(
        "order " + order + " paid",
        () ->
            Optional.of(get(() -> orders.getOrder(order)))
                .filter(view -> Boolean.TRUE.equals(view.getIsPaid())));

    StockLine line =
        poll(
            "stock overview: product " + product + " at 7",
            () ->
                get(stocks::stockOverview).stream()
                    .filter(l -> l.getProductId() == product && l.getQuantity() == 7)
                    .findFirst());
    assertEquals("GEN-" + unique, line.getSku());
    BestSeller seller =
        poll(
            "best sellers: product " + product,
            () ->
                get(() -> reports.bestSellers(100)).stream()
                    .filter(b -> b.getProductId() == product)
                    .findFirst());
    assertEquals(3L, seller.getQuantitySold());
    Spender spender =
        poll(
            "highest spenders: user " + user,
            () ->
                get(() -> reports.highestSpenders(100)).stream()
                    .filter(s -> s.getUserId() == user)
                    .findFirst());
    assertEquals(0, new BigDecimal("7.50").compareTo(spender.getTotalSpent()));
  }

  private static String keyOf(URI link) {
    for (String pair : link.getRawQuery().split("&")) {
      if (pair.startsWith("key=")) {
        return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no key in the payment link " + link);
  }

  /** A paid order is refused (409): record the refund first, as the staff do, then delete it. */
  private void deleteOrder(long order) {
    try {
      orders.deleteOrder(order);
    } catch (ApiException e) {
      if (e.getCode() == 409) {
        quietly(
            () -> {
              orders.updateOrderPayment(new UpdatePaymentRequest().orderId(order).isPaid(false));
              orders.deleteOrder(order);
            });
      } else if (e.getCode() != 404) {
        throw new IllegalStateException("cleanup of order " + order + ": " + e.getCode(), e);
      }
    }
  }

  private interface Call {
    void run() throws ApiException;
  }

  private interface Read<T> {
    T get() throws ApiException;
  }

  private static void quietly(Call call) {
    try {
      call.run();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw new IllegalStateException(
            "cleanup answered " + e.getCode() + ": " + e.getResponseBody(), e);
      }
    }
  }

  private static <T> T get(Read<T> read) {
    try {
      return read.get();
    } catch (ApiException e) {
      throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
    }
  }

  /** Until the value is there, reading again every 200 ms, at most {@link #DEADLINE}. */
  private static <T> T poll(String what, Supplier<Optional<T>> read) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (true) {
      Optional<T> value = read.get();
      if (value.isPresent()) {
        assertNotNull(value.get());
        return value.get();
      }
      if (Instant.now().isAfter(deadline)) {
        fail("not within " + DEADLINE.toSeconds() + " s: " + what);
      }
      Thread.sleep(200); // the polling interval, bounded by the deadline above
    }
  }
}
