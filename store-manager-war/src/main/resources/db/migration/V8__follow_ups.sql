-- Follow-ups (docs/adr/0006-consumer-lanes.md, "follow-ups"): an event that a handler publishes and that this
-- service handles too is handled in the same transaction. Its outbox row says so, its Kafka record then
-- carries the header handled-by, and this service skips the record when it comes back from the topic.
-- Rows written before this migration were not handled by their publisher: FALSE. Added last, with a default:
-- MySQL 8 and MariaDB add it without copying the table.
ALTER TABLE outbox_messages
  ADD COLUMN handled_by_publisher BOOLEAN NOT NULL DEFAULT FALSE;
