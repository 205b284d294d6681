-- The order saga (docs/event-contract.md): payments remember their saga, and the service gets its
-- transactional outbox and its processed-events (inbox) table.

ALTER TABLE payments
  ADD COLUMN correlation_id CHAR(36) NULL;

-- Events waiting for (or kept after) publication; written in the transaction that caused them.
CREATE TABLE outbox_messages (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  event_id     CHAR(36)     NOT NULL,
  event_type   VARCHAR(40)  NOT NULL,
  aggregate_id BIGINT       NOT NULL,
  payload      TEXT         NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  sent_at      TIMESTAMP(6) NULL,
  CONSTRAINT pk_outbox_messages PRIMARY KEY (id),
  CONSTRAINT uk_outbox_messages_event UNIQUE (event_id),
  INDEX ix_outbox_messages_unsent (sent_at, aggregate_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Events this service has handled: makes redelivery harmless.
CREATE TABLE processed_events (
  event_id     CHAR(36)     NOT NULL,
  event_type   VARCHAR(40)  NOT NULL,
  processed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_processed_events PRIMARY KEY (event_id),
  INDEX ix_processed_events_at (processed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
