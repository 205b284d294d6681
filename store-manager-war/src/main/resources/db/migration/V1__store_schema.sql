-- Store Manager schema. Works on MySQL 8 (production) and MariaDB 10.6+ (local stand-in).
-- Invariants live here, not only in Java: unique email and SKU, positive prices and quantities,
-- stock never below zero, no order item pointing at a deleted product or order.

CREATE TABLE users (
  id    BIGINT       NOT NULL AUTO_INCREMENT,
  name  VARCHAR(100) NOT NULL,
  email VARCHAR(150) NOT NULL,
  CONSTRAINT pk_users PRIMARY KEY (id),
  CONSTRAINT uk_users_email UNIQUE (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE products (
  id    BIGINT        NOT NULL AUTO_INCREMENT,
  name  VARCHAR(100)  NOT NULL,
  sku   VARCHAR(64)   NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  CONSTRAINT pk_products PRIMARY KEY (id),
  CONSTRAINT uk_products_sku UNIQUE (sku),
  CONSTRAINT ck_products_price_positive CHECK (price > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per product (created with the product). Decreases are conditional updates
-- (quantity >= requested); the CHECK is the last line of defence. `version` grows with every
-- change: the Redis read model only accepts a write carrying a newer version.
CREATE TABLE stocks (
  product_id BIGINT NOT NULL,
  quantity   INT    NOT NULL,
  version    BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT pk_stocks PRIMARY KEY (product_id),
  CONSTRAINT fk_stocks_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT ck_stocks_quantity_not_negative CHECK (quantity >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE orders (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  user_id      BIGINT        NOT NULL,
  total_amount DECIMAL(12,2) NOT NULL,
  payment_link VARCHAR(512)  NULL,
  is_paid      BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at   TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  version      BIGINT        NOT NULL DEFAULT 0,
  CONSTRAINT pk_orders PRIMARY KEY (id),
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_orders_total_not_negative CHECK (total_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_items (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  order_id   BIGINT        NOT NULL,
  product_id BIGINT        NOT NULL,
  quantity   INT           NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  CONSTRAINT pk_order_items PRIMARY KEY (id),
  CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_items_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT ck_order_items_quantity_positive CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
