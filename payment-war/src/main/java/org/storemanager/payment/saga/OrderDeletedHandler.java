package org.storemanager.payment.saga;

import static org.storemanager.common.saga.EventType.OrderDeleted;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.common.saga.SagaLog;
import org.storemanager.payment.command.PaymentService;

/**
 * OrderDeleted: the Store Manager deleted a finished order it did not know to be paid; its payment
 * is voided so that its link can no longer take money for an order that is gone. If the customer
 * paid in the meantime (the Store Manager had not consumed PaymentCompleted yet), the payment is
 * refunded (PaymentRefunded): the payment service, not the Store Manager, decides ({@link
 * PaymentService#close}, ADR 0013).
 */
@ApplicationScoped
public class OrderDeletedHandler {

  private static final Logger LOG = Logger.getLogger(OrderDeletedHandler.class.getName());

  @Inject PaymentService payments;

  void onOrderDeleted(@Observes @Saga(OrderDeleted) SagaEvent event) {
    PaymentService.Closed closed = payments.close(event, "order deleted");
    closed
        .payment()
        .ifPresent(
            p ->
                LOG.info(
                    (closed.refunded() ? "payment refunded and voided " : "payment voided ")
                        + SagaLog.fields(event)
                        + " payment_id="
                        + p.getId()
                        + " reason=order deleted"));
  }
}
