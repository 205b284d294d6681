package org.storemanager.orders.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An order of one user. Users and products are referenced by id (other aggregates); each item keeps
 * the unit price at the time of the order, and the total is computed from those prices.
 */
@Entity
@Table(name = "orders")
public class Order {

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

  @Enumerated(EnumType.STRING)
  @Column(name = "saga_state", nullable = false, length = 32)
  private SagaState sagaState;

  @Column(name = "saga_error", length = 500)
  private String sagaError;

  @Column(name = "payment_id")
  private Long paymentId;

  /** Optimistic lock; also orders the read-model writes of concurrent updates. */
  @Version private long version;

  @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("id")
  private List<OrderItem> items = new ArrayList<>();

  protected Order() {}

  public Order(long userId) {
    this.userId = userId;
    this.totalAmount = BigDecimal.ZERO;
    // Whole seconds: mysql-connector-j drops fractions on MariaDB (announced as "5.5.5-10.x"), and
    // the read model must show exactly what MySQL holds on both databases.
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.sagaState = SagaState.CREATING_ORDER;
  }

  /** Moves the saga to {@code state} (the saga handlers drive this, see orders.saga). */
  public void advance(SagaState state) {
    this.sagaState = state;
  }

  /** Ends the saga as cancelled, with the reason. */
  public void cancel(String error) {
    this.sagaState = SagaState.CANCELLED;
    this.sagaError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
  }

  /** Records the payment created for this order by the payment service. */
  public void attachPayment(long paymentId, String paymentLink) {
    this.paymentId = paymentId;
    this.paymentLink = paymentLink;
  }

  public void addItem(long productId, int quantity, BigDecimal unitPrice) {
    items.add(new OrderItem(this, productId, quantity, unitPrice));
    totalAmount = totalAmount.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }

  public void recordPayment(boolean paid, String paymentLink) {
    this.paid = paid;
    if (paymentLink != null) {
      this.paymentLink = paymentLink;
    }
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
