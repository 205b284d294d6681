-- Issue 29: the saga deadline measures lack of progress, not age. state_changed_at is the time of
-- the order's last saga move (placement for a new order); the deadline counts from it.
ALTER TABLE orders
  ADD COLUMN state_changed_at TIMESTAMP(6) NULL;

UPDATE orders SET state_changed_at = created_at WHERE state_changed_at IS NULL;

CREATE INDEX ix_orders_saga_progress ON orders (saga_state, state_changed_at);
