package org.storemanager.orders.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.storemanager.catalog.command.ProductService;
import org.storemanager.catalog.command.UserService;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.error.UnprocessableException;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.command.OrderEvents.OrderDeleted;
import org.storemanager.orders.command.OrderEvents.OrderPlaced;
import org.storemanager.orders.command.OrderEvents.OrderUpdated;
import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.OrderItem;
import org.storemanager.orders.model.OrderView;
import org.storemanager.orders.model.SagaMoveRefused;
import org.storemanager.stock.command.StockService;

/**
 * Places, deletes and updates orders. Placing an order is one JTA transaction that writes the
 * order, its items and its OrderCreated event (outbox) together; the rest happens in the saga
 * (package {@code orders.saga}): stock, payment, completion or cancellation. Users and prices come
 * from the catalog's services, stock from the stock's: other domains are used through their ports.
 */
@ApplicationScoped
public class OrderService {

  /** Largest total the orders.total_amount column holds. */
  static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

  @PersistenceContext EntityManager em;

  @Inject UserService users;
  @Inject ProductService products;
  @Inject StockService stock;
  @Inject Event<OrderPlaced> placed;
  @Inject Event<OrderDeleted> deleted;
  @Inject Event<OrderUpdated> updated;
  @Inject Outbox outbox;

  /** A requested line: product and quantity. */
  public record OrderLine(long productId, int quantity) {}

  /**
   * Places an order at current prices and starts its saga. Lines for the same product are merged.
   * Unknown users or products are refused here (422); stock is checked by the saga.
   */
  @Transactional
  public long place(long userId, List<OrderLine> lines) {
    if (users.find(userId).isEmpty()) {
      throw new UnprocessableException("User " + userId + " does not exist");
    }
    Map<Long, Integer> quantities = new LinkedHashMap<>();
    for (OrderLine line : lines) {
      quantities.merge(line.productId(), line.quantity(), Math::addExact);
    }
    Map<Long, BigDecimal> prices = products.prices(quantities.keySet());
    if (prices.size() < quantities.size()) {
      TreeSet<Long> missing = new TreeSet<>(quantities.keySet());
      missing.removeAll(prices.keySet());
      throw new UnprocessableException(
          (missing.size() == 1 ? "Product " : "Products ")
              + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + (missing.size() == 1 ? " does not exist" : " do not exist"));
    }

    Order order = new Order(userId);
    quantities.forEach((id, quantity) -> order.addItem(id, quantity, prices.get(id)));
    if (order.getTotalAmount().compareTo(MAX_TOTAL) > 0) {
      throw new UnprocessableException("Order total exceeds the maximum of " + MAX_TOTAL);
    }
    em.persist(order);
    em.flush();
    outbox.add(
        SagaEvent.start(
            EventType.OrderCreated,
            order.getCorrelationId(),
            order.getId(),
            userId,
            order.getTotalAmount(),
            order.getItems().stream()
                .map(i -> new SagaEvent.Item(i.getProductId(), i.getQuantity(), i.getUnitPrice()))
                .toList()));
    placed.fire(new OrderPlaced(OrderView.of(order)));
    return order.getId();
  }

  /**
   * Deletes an order whose saga has ended and that is not paid (a paid order is refused, 409:
   * refund it first). Units the order holds go back into stock; the payment service learns of it
   * (OrderDeleted) and voids the order's payment, so it can no longer be paid.
   */
  @Transactional
  public void delete(long orderId) {
    Order order = load(orderId);
    if (!order.getSagaState().isTerminal()) {
      throw new ConflictException(
          "Order "
              + orderId
              + " is still being processed (saga state "
              + order.getSagaState()
              + "): delete it once it is COMPLETED or CANCELLED");
    }
    if (order.isPaid()) {
      throw new ConflictException(
          "Order " + orderId + " is paid: a paid order cannot be deleted (refund it first)");
    }
    OrderView view = OrderView.of(order);
    if (order.holdsStock()) {
      stock.putBack(quantities(order));
    }
    order.noteDeleted();
    outbox.add(event(EventType.OrderDeleted, order));
    em.remove(order);
    deleted.fire(new OrderDeleted(view));
  }

  /**
   * Records a payment outcome reported outside the saga ({@code PUT /orders}); only for a COMPLETED
   * order (409 otherwise): a running or cancelled saga decides alone whether its order is paid.
   */
  @Transactional
  public OrderView updatePayment(long orderId, boolean paid, String paymentLink) {
    Order order = load(orderId);
    try {
      order.correctPayment(paid, paymentLink);
    } catch (SagaMoveRefused refused) {
      throw new ConflictException(refused.getMessage());
    }
    em.flush(); // increments the version the view carries
    updated.fire(new OrderUpdated(order));
    return OrderView.of(order);
  }

  /** An event of the order's saga raised outside a handler (no lines: they are not needed). */
  public static SagaEvent event(EventType type, Order order) {
    return SagaEvent.of(
        type, order.getCorrelationId(), order.getId(), order.getUserId(), order.getTotalAmount());
  }

  /** The order's lines as product id -> quantity. */
  public static Map<Long, Integer> quantities(Order order) {
    return order.getItems().stream()
        .collect(Collectors.toMap(OrderItem::getProductId, OrderItem::getQuantity, Integer::sum));
  }

  private Order load(long orderId) {
    Order order = em.find(Order.class, orderId);
    if (order == null) {
      throw new ResourceNotFoundException("Order " + orderId + " does not exist");
    }
    return order;
  }
}
