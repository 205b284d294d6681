-- A payment whose order was cancelled (the saga deadline) or deleted is voided: it can never be paid.
ALTER TABLE payments
  ADD COLUMN voided_at   TIMESTAMP(6) NULL,
  ADD COLUMN void_reason VARCHAR(500) NULL;
