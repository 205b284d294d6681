-- Payment schema. Works on MySQL 8 (production) and MariaDB 10.6+ (local stand-in).
-- One payment per order (the unique key is the arbiter when two requests race), amounts never
-- negative. There is deliberately NO column for card data: the card is checked while the request
-- is processed and then forgotten, so a leak of this database leaks no card numbers.

CREATE TABLE payments (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  order_id     BIGINT        NOT NULL,
  user_id      BIGINT        NOT NULL,
  total_amount DECIMAL(12,2) NOT NULL,
  is_paid      BOOLEAN       NOT NULL DEFAULT FALSE,
  -- Explicit default: with explicit_defaults_for_timestamp=OFF, MySQL would otherwise give this
  -- first TIMESTAMP column an implicit ON UPDATE CURRENT_TIMESTAMP and rewrite it on every update.
  created_at   TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  paid_at      TIMESTAMP(6)  NULL,
  -- Optimistic lock counter (JPA @Version), grows with every change of the row.
  version      BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT pk_payments PRIMARY KEY (id),
  CONSTRAINT uk_payments_order UNIQUE (order_id),
  CONSTRAINT ck_payments_total_not_negative CHECK (total_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
