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
 * OrderDeleted: the Store Manager deleted a finished, unpaid order; its payment is voided so that
 * its link can no longer take money for an order that is gone.
 */
@ApplicationScoped
public class OrderDeletedHandler {

  private static final Logger LOG = Logger.getLogger(OrderDeletedHandler.class.getName());

  @Inject PaymentService payments;

  void onOrderDeleted(@Observes @Saga(OrderDeleted) SagaEvent event) {
    payments
        .voidFor(event.orderId(), "order deleted")
        .ifPresent(
            p ->
                LOG.info(
                    "payment voided "
                        + SagaLog.fields(event)
                        + " payment_id="
                        + p.getId()
                        + " reason=order deleted"));
  }
}
