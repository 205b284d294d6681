package org.storemanager.supplier;

import java.math.BigDecimal;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;
import org.storemanager.stock.query.StockLine;

/** GraphQL type {@code Product}: {@code {id name sku price quantity}}. */
@Type("Product")
@Description("A product with its current stock level")
public class SupplierProduct {

  private final int id;
  private final String name;
  private final String sku;
  private final BigDecimal price;
  private final int quantity;

  SupplierProduct(StockLine line) {
    this.id = (int) line.productId();
    this.name = line.name();
    this.sku = line.sku();
    this.price = line.unitPrice();
    this.quantity = line.quantity();
  }

  public int getId() {
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

  @Description("Units in stock")
  public int getQuantity() {
    return quantity;
  }
}
