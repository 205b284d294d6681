-- The same column as in the Store Manager's outbox (one entity, OutboxMessage, in store-common). Always FALSE
-- here: the payment service handles none of the events it publishes.
ALTER TABLE outbox_messages
  ADD COLUMN handled_by_publisher BOOLEAN NOT NULL DEFAULT FALSE;
