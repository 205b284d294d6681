package org.storemanager.catalog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** An article the store sells. Its stock level is a separate row (see {@code stock.model}). */
@Entity
@Table(name = "products")
public class Product {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 64, unique = true)
  private String sku;

  @Column(nullable = false, precision = 10, scale = 2)
  private BigDecimal price;

  protected Product() {}

  public Product(String name, String sku, BigDecimal price) {
    this.name = name;
    this.sku = sku;
    this.price = price;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getSku() {
    return sku;
  }

  public BigDecimal getPrice() {
    return price;
  }
}
