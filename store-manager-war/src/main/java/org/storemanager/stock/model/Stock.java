package org.storemanager.stock.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Units in stock of one product (one row per product, created with it). */
@Entity
@Table(name = "stocks")
public class Stock {

  @Id
  @Column(name = "product_id")
  private Long productId;

  @Column(nullable = false)
  private int quantity;

  /** Incremented by every update (see StockService); orders the read-model writes. */
  @Column(nullable = false)
  private long version;

  protected Stock() {}

  public Stock(long productId, int quantity) {
    this.productId = productId;
    this.quantity = quantity;
  }

  public Long getProductId() {
    return productId;
  }

  public int getQuantity() {
    return quantity;
  }
}
