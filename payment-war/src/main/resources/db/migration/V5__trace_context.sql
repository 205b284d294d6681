-- The W3C trace context an event was raised in (docs/observability.md): the outbox relay's publish
-- span continues it, so one order stays one trace even when the relay runs after a restart.
ALTER TABLE outbox_messages ADD COLUMN traceparent VARCHAR(55) NULL;
