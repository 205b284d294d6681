package org.storemanager.payment.saga;

import static org.storemanager.common.saga.EventType.OrderCancelled;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.common.saga.SagaLog;
import org.storemanager.payment.command.PaymentService;

/**
 * OrderCancelled: the order will not be completed. The payment service remembers it ({@link
 * PaymentService#close}): its payment, if the saga deadline cancelled it after StockDecreased, is
 * voided and can never be paid, and refunded if it was paid already (PaymentRefunded); if it has no
 * payment yet, a later StockDecreased creates none.
 */
@ApplicationScoped
public class OrderCancelledHandler {

  private static final Logger LOG = Logger.getLogger(OrderCancelledHandler.class.getName());

  @Inject PaymentService payments;

  void onOrderCancelled(@Observes @Saga(OrderCancelled) SagaEvent event) {
    String reason =
        "order cancelled: " + (event.error() == null ? "no reason given" : event.error());
    PaymentService.Closed closed = payments.close(event, reason);
    closed
        .payment()
        .ifPresent(
            p ->
                LOG.info(
                    (closed.refunded() ? "payment refunded and voided " : "payment voided ")
                        + SagaLog.fields(event)
                        + " payment_id="
                        + p.getId()
                        + " reason="
                        + reason));
  }
}
