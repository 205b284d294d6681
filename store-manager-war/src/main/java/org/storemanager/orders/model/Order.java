package org.storemanager.orders.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Formula;
import org.storemanager.common.saga.EventType;

/**
 * An order of one user. Users and products are referenced by id (other aggregates); each item keeps
 * the unit price at the time of the order, and the total is computed from those prices.
 */
@Entity
@Table(name = "orders")
@NamedEntityGraph(name = Order.WITH_ITEMS, attributeNodes = @NamedAttributeNode("items"))
public class Order {

  /** The entity graph that loads an order with its items in one statement (a join). */
  public static final String WITH_ITEMS = "Order.withItems";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(name = "total_amount", nullable = false, precision = 12, scale = 2)
  private BigDecimal totalAmount;

  @Column(name = "payment_link", length = 512)
  private String paymentLink;

  @Column(name = "is_paid", nullable = false)
  private boolean paid;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** When the saga last moved this order (placement at first): the saga deadline counts from it. */
  @Column(name = "state_changed_at")
  private Instant stateChangedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "saga_state", nullable = false, length = 32)
  private SagaState sagaState;

  @Column(name = "saga_error", length = 500)
  private String sagaError;

  @Column(name = "payment_id")
  private Long paymentId;

  /** The same on every event of this order's saga (docs/event-contract.md). */
  @Column(name = "correlation_id", length = 36)
  private String correlationId;

  /** Whether this order's units are out of stock (taken by the saga, not yet given back). */
  @Column(name = "stock_taken", nullable = false)
  private boolean stockTaken;

  /** When the saga started, in epoch ms (null for orders older than the column): its duration. */
  @Column(name = "saga_started_ms")
  private Long sagaStartedMs;

  /** Optimistic lock; also orders the read-model writes of concurrent updates. */
  @Version private long version;

  @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("id")
  private List<OrderItem> items = new ArrayList<>();

  /**
   * Bookkeeping for the outbox relay, read with the order in the same statement: the ids of this
   * order's outbox rows not sent yet when it was loaded, comma-separated ("" if none). With it the
   * relay publishes the next row of the order without reading it back ({@code
   * OrderOutboxPrecedence}, ADR 0005). Null on an order created in this transaction.
   */
  @Formula(
      "(select coalesce(group_concat(m.id), '') from outbox_messages m"
          + " where m.aggregate_id = id and m.sent_at is null)")
  private String unsentOutboxRows;

  /** Whether this order was created here (its constructor), not loaded: it has no rows yet. */
  @Transient private boolean created;

  /**
   * Whether this transaction changed the order (a saga move, the deadline, a correction, a delete):
   * then its version check makes a concurrent writer of the order's outbox rows fail, which is what
   * lets the relay send its rows from memory (OrderOutboxPrecedence).
   */
  @Transient private boolean changedHere;

  protected Order() {}

  public Order(long userId) {
    this.userId = userId;
    this.totalAmount = BigDecimal.ZERO;
    // Whole seconds: mysql-connector-j drops fractions on MariaDB (announced as "5.5.5-10.x"), and
    // the read model must show exactly what MySQL holds on both databases.
    Instant now = Instant.now();
    this.createdAt = now.truncatedTo(ChronoUnit.SECONDS);
    this.sagaStartedMs = now.toEpochMilli();
    this.stateChangedAt = this.createdAt;
    this.sagaState = SagaState.CREATING_ORDER;
    this.correlationId = UUID.randomUUID().toString();
    this.created = true;
  }

  /**
   * The ids of this order's outbox rows that were unsent when it was loaded (none for an order
   * created in this transaction); empty if not known.
   */
  public Optional<Set<Long>> unsentOutboxRowsAtLoad() {
    if (created) {
      return Optional.of(Set.of());
    }
    if (unsentOutboxRows == null) {
      return Optional.empty();
    }
    Set<Long> ids = new HashSet<>();
    for (String id : unsentOutboxRows.split(",")) {
      if (!id.isBlank()) {
        ids.add(Long.parseLong(id.trim()));
      }
    }
    return Optional.of(ids);
  }

  // --- The saga (docs/state-machine.md). Each note* method is one edge of the state machine: it
  // checks the edge (SagaState.targets) before it changes anything, and throws SagaMoveRefused when
  // there is none. The outcome comes from the path the order took (failure), never from an event.

  /** OrderCreated, and every line's units were taken. */
  public void noteStockTaken() {
    move(EventType.OrderCreated, SagaState.DECREASING_STOCK);
    stockTaken = true;
  }

  /** OrderCreated, and the units were not there: nothing was taken. */
  public void noteStockShort(String shortage) {
    move(EventType.OrderCreated, SagaState.DECREASING_STOCK);
    fail(shortage, "Insufficient stock");
  }

  /** StockDecreased: the payment service now creates the payment. */
  public void noteStockDecreased() {
    refuseUnless(stockTaken, EventType.StockDecreased);
    move(EventType.StockDecreased, SagaState.CREATING_PAYMENT);
  }

  /** StockDecreaseFailed: the order is being cancelled. */
  public void noteStockDecreaseFailed(String error) {
    refuseUnless(!stockTaken, EventType.StockDecreaseFailed);
    move(EventType.StockDecreaseFailed, SagaState.CANCELLING_ORDER);
    fail(error, "Stock decrease failed");
  }

  /** PaymentCreated: the order gets its payment (already paid if the payment was). */
  public void notePaymentCreated(long paymentId, String paymentLink, boolean alreadyPaid) {
    move(EventType.PaymentCreated, SagaState.COMPLETING_ORDER_SAGA);
    this.paymentId = paymentId;
    this.paymentLink = paymentLink;
    this.paid = alreadyPaid;
  }

  /** PaymentCreationFailed: the units go back to stock in the same transaction (compensation). */
  public void notePaymentRefused(String error) {
    move(EventType.PaymentCreationFailed, SagaState.INCREASING_STOCK);
    fail(error, "Payment creation failed");
    stockTaken = false;
  }

  /** StockIncreased: the units are back; the order is being cancelled. */
  public void noteStockIncreased() {
    move(EventType.StockIncreased, SagaState.CANCELLING_ORDER);
  }

  /** OrderCancelled: the cancellation is done; the saga ends next. */
  public void noteCancelled() {
    move(EventType.OrderCancelled, SagaState.COMPLETING_ORDER_SAGA);
  }

  /** OrderCreationFailed (another producer of the contract): the saga ends next. */
  public void noteCreationFailed(String error) {
    move(EventType.OrderCreationFailed, SagaState.COMPLETING_ORDER_SAGA);
    fail(error, "Order creation failed");
  }

  /**
   * SagaCompleted: COMPLETED if nothing failed on the way, otherwise CANCELLED with the first
   * failure as the error. The event's own fields play no part.
   */
  public void noteSagaCompleted() {
    move(EventType.SagaCompleted, sagaError == null ? SagaState.COMPLETED : SagaState.CANCELLED);
  }

  /**
   * PaymentCompleted: the customer paid. Only an order whose saga succeeded can be paid: COMPLETED,
   * or COMPLETING_ORDER_SAGA on the success path (its link is shown from then on).
   */
  public void notePaid() {
    refuseUnless(sagaError == null, EventType.PaymentCompleted);
    move(EventType.PaymentCompleted, sagaState);
    paid = true;
  }

  /**
   * The saga deadline passed while the order was at {@code step} = its current state. An order in
   * COMPLETING_ORDER_SAGA has done every step: it ends with its own path's outcome. Any other order
   * ends CANCELLED with an error naming the step; the caller undoes what {@link Expiry} says.
   */
  public Expiry expire(String deadline) {
    if (sagaState.isTerminal()) {
      throw new SagaMoveRefused(id, sagaState, "the saga deadline");
    }
    SagaState step = sagaState;
    if (step == SagaState.COMPLETING_ORDER_SAGA) {
      sagaState = sagaError == null ? SagaState.COMPLETED : SagaState.CANCELLED;
      stateChangedAt = Instant.now();
      changedHere = true;
      return new Expiry(step, false, false);
    }
    boolean returnStock = stockTaken;
    String reason = "Saga deadline of " + deadline + " passed at step " + step;
    sagaError = truncate(sagaError == null ? reason : reason + "; earlier: " + sagaError);
    sagaState = SagaState.CANCELLED;
    stateChangedAt = Instant.now();
    changedHere = true;
    stockTaken = false;
    // Once the units were taken, the payment service may have created (or may still create) a
    // payment: it is told to void it. On the cancel paths (short, refused) there is none.
    boolean voidPayment =
        step == SagaState.CREATING_PAYMENT || (step == SagaState.DECREASING_STOCK && returnStock);
    return new Expiry(step, returnStock, voidPayment);
  }

  /** What the deadline leaves to undo: the units to put back, the payment to void. */
  public record Expiry(SagaState step, boolean returnStock, boolean voidPayment) {}

  /**
   * {@code PUT /orders}: a payment reported outside the saga (a manual correction). Only a
   * COMPLETED order has a payment to record.
   */
  public void correctPayment(boolean paid, String paymentLink) {
    if (sagaState != SagaState.COMPLETED) {
      throw new SagaMoveRefused(id, sagaState, "recording a payment (only a COMPLETED order)");
    }
    this.paid = paid;
    this.changedHere = true;
    if (paymentLink != null) {
      this.paymentLink = paymentLink;
    }
  }

  /** Whether the order holds units taken from stock (what deleting it or the deadline returns). */
  public boolean holdsStock() {
    return stockTaken;
  }

  private void move(EventType event, SagaState to) {
    if (!sagaState.targets(event).contains(to)) {
      throw SagaMoveRefused.on(id, sagaState, event);
    }
    sagaState = to;
    stateChangedAt = Instant.now();
    changedHere = true;
  }

  /** DELETE /orders: the order is about to be removed (with its version check). */
  public void noteDeleted() {
    changedHere = true;
  }

  /** Whether this transaction created or changed the order ({@link #changedHere}). */
  public boolean changedInThisTransaction() {
    return created || changedHere;
  }

  /** When the saga last moved this order (its placement if it never moved). */
  public Instant getStateChangedAt() {
    return stateChangedAt == null ? createdAt : stateChangedAt;
  }

  /** A guard of the path, beyond the edge table: e.g. no StockDecreased for an order left short. */
  private void refuseUnless(boolean onThePath, EventType event) {
    if (!onThePath) {
      throw SagaMoveRefused.on(id, sagaState, event);
    }
  }

  private void fail(String error, String fallback) {
    if (sagaError == null) {
      sagaError = truncate(error == null || error.isBlank() ? fallback : error);
    }
  }

  private static String truncate(String text) {
    return text.substring(0, Math.min(text.length(), 500));
  }

  public void addItem(long productId, int quantity, BigDecimal unitPrice) {
    items.add(new OrderItem(this, productId, quantity, unitPrice));
    totalAmount = totalAmount.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }

  public Long getId() {
    return id;
  }

  public long getUserId() {
    return userId;
  }

  public BigDecimal getTotalAmount() {
    return totalAmount;
  }

  public String getPaymentLink() {
    return paymentLink;
  }

  public boolean isPaid() {
    return paid;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public SagaState getSagaState() {
    return sagaState;
  }

  public String getSagaError() {
    return sagaError;
  }

  /** How long the saga has run (or ran, once it ended), or empty for orders placed before V6. */
  public java.util.Optional<java.time.Duration> sagaAge(Instant at) {
    return java.util.Optional.ofNullable(sagaStartedMs)
        .map(started -> java.time.Duration.ofMillis(at.toEpochMilli() - started));
  }

  public String getCorrelationId() {
    return correlationId;
  }

  public Long getPaymentId() {
    return paymentId;
  }

  public long getVersion() {
    return version;
  }

  public List<OrderItem> getItems() {
    return Collections.unmodifiableList(items);
  }
}
