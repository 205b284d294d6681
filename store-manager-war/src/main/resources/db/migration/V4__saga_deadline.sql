-- The saga's own record of its path (docs/state-machine.md) and what the saga deadline needs.
--   stock_taken:    the order's units are out of stock (taken by the saga, not given back yet); the
--                   deadline and DELETE give back exactly these, never twice.
--   correlation_id: the same on every event of the order's saga, also on events raised later (the
--                   deadline's OrderCancelled, OrderDeleted).
ALTER TABLE orders
  ADD COLUMN stock_taken    BOOLEAN  NOT NULL DEFAULT FALSE,
  ADD COLUMN correlation_id CHAR(36) NULL;

-- Orders that exist now: units are out for a completed order and for the steps after they were taken.
-- An order in DECREASING_STOCK took them if its StockDecreased is in the outbox.
UPDATE orders o
   SET o.stock_taken = TRUE
 WHERE o.saga_state IN ('COMPLETED', 'CREATING_PAYMENT')
    OR (o.saga_state = 'COMPLETING_ORDER_SAGA' AND o.payment_id IS NOT NULL)
    OR (o.saga_state = 'DECREASING_STOCK' AND EXISTS (
          SELECT 1 FROM outbox_messages m WHERE m.aggregate_id = o.id AND m.event_type = 'StockDecreased'));

-- The deadline timer looks for running sagas older than the deadline.
CREATE INDEX ix_orders_saga_running ON orders (saga_state, created_at);
