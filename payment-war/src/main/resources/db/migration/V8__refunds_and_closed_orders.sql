-- Issue 29: the payment service is the authority on money.
--   refunded_at:   a payment that was paid when its order was cancelled or deleted is refunded (a
--                  real state: GET /payments/{id} shows it, PaymentRefunded records it).
--   closed_orders: the orders the payment service learned were cancelled or deleted, also when they
--                  had no payment yet: a late StockDecreased (a replay, a late delivery) then
--                  creates no payment for them.
ALTER TABLE payments
  ADD COLUMN refunded_at TIMESTAMP(6) NULL;

CREATE TABLE closed_orders (
  order_id  BIGINT       NOT NULL,
  reason    VARCHAR(500) NULL,
  closed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_closed_orders PRIMARY KEY (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
