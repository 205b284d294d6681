-- Observability (docs/observability.md).
-- The W3C trace context an event was raised in: the outbox relay's publish span continues it, so one
-- order stays one trace even when the relay runs after a restart.
ALTER TABLE outbox_messages ADD COLUMN traceparent VARCHAR(55) NULL;
-- When the saga started, in epoch milliseconds (created_at keeps whole seconds, and mysql-connector-j
-- drops fractions of seconds on MariaDB): the saga_duration_seconds metric.
ALTER TABLE orders ADD COLUMN saga_started_ms BIGINT NULL;
