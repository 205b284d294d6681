package org.storemanager.payment.saga;

import static org.storemanager.common.saga.EventType.StockDecreased;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.common.saga.SagaLog;
import org.storemanager.payment.command.PaymentLinks;
import org.storemanager.payment.command.PaymentService;
import org.storemanager.payment.model.Payment;

/**
 * StockDecreased: create the order's payment and publish PaymentCreated with its link (a
 * capability: {@link PaymentLinks}), or PaymentCreationFailed when the amount is above {@code
 * payment.max-amount} (the documented way to exercise the saga's compensation) or when the order id
 * already has a payment of another user or amount. Nothing at all for an order this service knows
 * was cancelled or deleted: a StockDecreased that comes after OrderCancelled (a replay of a dead
 * letter, a late delivery) must not leave a payable link for an order that is gone.
 */
@ApplicationScoped
public class StockDecreasedHandler {

  private static final Logger LOG = Logger.getLogger(StockDecreasedHandler.class.getName());

  @Inject PaymentService payments;
  @Inject Outbox outbox;

  @Inject PaymentLinks links;

  void onStockDecreased(@Observes @Saga(StockDecreased) SagaEvent event) {
    PaymentService.SagaPayment created =
        payments.forSaga(
            event.orderId(), event.userId(), event.totalAmount(), event.correlationId());
    if (created.closed()) {
      LOG.info(
          "no payment created: the order was cancelled or deleted before " + SagaLog.fields(event));
      return;
    }
    if (created.refusal() != null) {
      outbox.add(event.next(EventType.PaymentCreationFailed).withError(created.refusal()));
      return;
    }
    Payment payment = created.payment();
    String link = links.linkFor(payment.getId());
    outbox.add(
        event.next(EventType.PaymentCreated).withPayment(payment.getId(), link, payment.isPaid()));
  }
}
