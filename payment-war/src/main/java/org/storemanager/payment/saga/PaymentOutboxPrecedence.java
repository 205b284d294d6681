package org.storemanager.payment.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.storemanager.common.saga.OutboxPrecedence;
import org.storemanager.payment.command.PaymentService;

/**
 * Vouches for the rows before a payment-service outbox row only where it is sure: the transaction
 * created the order's payment (the first StockDecreased of an order), so nothing was published for
 * that order before (an order has one payment: {@code payments.order_id} is unique, and every other
 * event of the payment service is about an existing payment). The relay then sends PaymentCreated
 * without reading it back (ADR 0005). Every other row (a refusal, PaymentCompleted, a voided
 * payment) is read back as before.
 */
@ApplicationScoped
public class PaymentOutboxPrecedence implements OutboxPrecedence {

  @Inject PaymentService payments;

  @Override
  public Optional<Set<Long>> unsentBefore(long orderId) {
    return payments.createdHere(orderId) ? Optional.of(Set.of()) : Optional.empty();
  }
}
