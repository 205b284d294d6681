-- The event timeline of an order (GET /orders/{id}/events, docs/observability.md): what the outbox and the
-- inbox already record, findable by order.
--   processed_events.order_id:    the order of the event handled (SagaEvent.order_id); NULL on rows written
--                                 before this migration, so their consumption does not show in a timeline.
--   processed_events.state_after: the order's saga state once the handlers of the event had run, read in the
--                                 same transaction (Inbox, SagaProgress).
-- Both columns are nullable and come last: MySQL 8 adds them without copying the table.
ALTER TABLE processed_events
  ADD COLUMN order_id    BIGINT      NULL,
  ADD COLUMN state_after VARCHAR(40) NULL;

CREATE INDEX ix_processed_events_order ON processed_events (order_id);

-- The outbox rows of one order: its index (sent_at, aggregate_id, id) serves the relay, not a lookup by order.
CREATE INDEX ix_outbox_messages_aggregate ON outbox_messages (aggregate_id, id);
