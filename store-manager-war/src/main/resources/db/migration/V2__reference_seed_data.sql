-- The reference application's seed data (users, products, stock levels).
INSERT INTO users (id, name, email) VALUES
  (1, 'Ada Lovelace', 'alovelace@example.com'),
  (2, 'Adele Goldberg', 'agoldberg@example.com'),
  (3, 'Alan Turing', 'aturing@example.com');

INSERT INTO products (id, name, sku, price) VALUES
  (1, 'Laptop ABC', 'LP12567', 1999.99),
  (2, 'Keyboard DEF', 'KB67890', 59.50),
  (3, 'Gadget XYZ', 'GG12345', 5.75),
  (4, '27-inch Screen WYZ', 'SC27289', 299.75);

INSERT INTO stocks (product_id, quantity) VALUES
  (1, 1000),
  (2, 500),
  (3, 2),
  (4, 90);
