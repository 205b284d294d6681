-- The event timeline of an order (the Store Manager's GET /orders/{id}/events, docs/observability.md): the
-- payment service's share, read by GET /payments/saga/orders/{orderId}/events.
--   processed_events.order_id:    the order of the event handled; NULL on rows written before this migration.
--   processed_events.state_after: the same column as in the Store Manager's inbox (one entity, ProcessedEvent,
--                                 in store-common); always NULL here: the payment service has no saga state
--                                 of its own to record.
ALTER TABLE processed_events
  ADD COLUMN order_id    BIGINT      NULL,
  ADD COLUMN state_after VARCHAR(40) NULL;

CREATE INDEX ix_processed_events_order ON processed_events (order_id);

-- The outbox rows of one order (the relay's index starts with sent_at).
CREATE INDEX ix_outbox_messages_aggregate ON outbox_messages (aggregate_id, id);
