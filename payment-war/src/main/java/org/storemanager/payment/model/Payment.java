package org.storemanager.payment.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The payment of one order. The order and its user live in the Store Manager service and are
 * referenced by id only. Card details are never part of it: they are checked while a payment is
 * processed and then dropped.
 */
@Entity
@Table(name = "payments")
public class Payment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "order_id", nullable = false, unique = true)
  private long orderId;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(name = "total_amount", nullable = false, precision = 12, scale = 2)
  private BigDecimal totalAmount;

  @Column(name = "is_paid", nullable = false)
  private boolean paid;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "paid_at")
  private Instant paidAt;

  /** Set when the order was cancelled or deleted: a voided payment can never be paid. */
  @Column(name = "voided_at")
  private Instant voidedAt;

  @Column(name = "void_reason", length = 500)
  private String voidReason;

  /** Set when the payment was paid and its order then cancelled or deleted: the money went back. */
  @Column(name = "refunded_at")
  private Instant refundedAt;

  /** Optimistic lock: a concurrent change of the same row fails instead of being overwritten. */
  @Version private long version;

  protected Payment() {}

  @Column(name = "correlation_id", length = 36)
  private String correlationId;

  public Payment(long orderId, long userId, BigDecimal totalAmount) {
    this(orderId, userId, totalAmount, null);
  }

  /** A payment created by the order saga remembers the saga's correlation id. */
  public Payment(long orderId, long userId, BigDecimal totalAmount, String correlationId) {
    this.orderId = orderId;
    this.userId = userId;
    this.totalAmount = totalAmount;
    this.correlationId = correlationId;
    this.createdAt = now();
  }

  /**
   * Records that the payment went through. Paying twice changes nothing (a retried request must not
   * move {@code paid_at}).
   */
  public void markPaid() {
    if (!paid) {
      paid = true;
      paidAt = now();
    }
  }

  /**
   * Voids the payment: its order was cancelled or deleted, so it can never be paid. A payment paid
   * before the void arrived is refunded as well (the simulated processor gives the money back).
   * Voiding twice changes nothing.
   *
   * @return true if this call refunded the payment (it was paid and not refunded yet)
   */
  public boolean voidFor(String reason) {
    if (voidedAt == null) {
      voidedAt = now();
      voidReason = reason == null ? null : reason.substring(0, Math.min(reason.length(), 500));
    }
    if (paid && refundedAt == null) {
      refundedAt = now();
      return true;
    }
    return false;
  }

  public boolean isRefunded() {
    return refundedAt != null;
  }

  public Instant getRefundedAt() {
    return refundedAt;
  }

  /** What a client sees: unpaid, paid, voided (never paid, can no longer be) or refunded. */
  public String status() {
    if (refundedAt != null) {
      return "refunded";
    }
    if (paid) {
      return "paid";
    }
    return voidedAt != null ? "voided" : "unpaid";
  }

  public boolean isVoided() {
    return voidedAt != null;
  }

  public Instant getVoidedAt() {
    return voidedAt;
  }

  public String getVoidReason() {
    return voidReason;
  }

  /** The columns keep microseconds: truncate so what we return equals what a later read returns. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  public long getOrderId() {
    return orderId;
  }

  public long getUserId() {
    return userId;
  }

  public BigDecimal getTotalAmount() {
    return totalAmount;
  }

  public String getCorrelationId() {
    return correlationId;
  }

  public boolean isPaid() {
    return paid;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getPaidAt() {
    return paidAt;
  }

  public long getVersion() {
    return version;
  }
}
