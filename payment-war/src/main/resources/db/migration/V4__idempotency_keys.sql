-- Idempotency-Key on POST /payments (docs/adr/0011-idempotency-keys.md): the first answer to each key of
-- each caller, kept 24 h. The row is inserted first in the transaction that creates the payment, so a
-- concurrent request with the same key waits on the primary key and then answers from the row; a
-- failed request rolls its row back with everything else. The response columns are filled before that
-- transaction commits: a committed row always has them.
-- scope and key are binary strings: compared byte for byte (no case folding, a trailing space counts),
-- the same on MySQL 8 and MariaDB. Both hold printable ASCII only.
CREATE TABLE idempotency_keys (
  scope               VARBINARY(255) NOT NULL,
  idempotency_key     VARBINARY(255) NOT NULL,
  request_fingerprint CHAR(64)       NOT NULL,
  response_status     SMALLINT       NULL,
  response_body       MEDIUMTEXT     NULL,
  response_location   VARCHAR(2048)  NULL,
  created_at          TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_idempotency_keys PRIMARY KEY (scope, idempotency_key),
  INDEX ix_idempotency_keys_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
