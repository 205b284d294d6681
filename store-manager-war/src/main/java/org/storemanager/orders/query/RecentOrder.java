package org.storemanager.orders.query;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.storemanager.orders.model.SagaState;

/** An order as the operations page lists it: where its saga is, without its items. */
public record RecentOrder(
    @Schema(required = true, minimum = "1") long orderId,
    @Schema(required = true, minimum = "1") long userId,
    @Schema(required = true, implementation = SagaState.class) String sagaState,
    @Schema(required = true) BigDecimal totalAmount,
    @Schema(required = true, format = "date-time") String createdAt) {}
