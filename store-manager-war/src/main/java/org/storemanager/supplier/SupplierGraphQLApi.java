package org.storemanager.supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.GraphQLException;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;
import org.storemanager.common.error.ApplicationException;
import org.storemanager.stock.command.StockService;
import org.storemanager.stock.query.StockLine;
import org.storemanager.stock.query.StockReadModel;

/**
 * What suppliers can ask and do. Failures are thrown as {@link GraphQLException} (a checked
 * exception MicroProfile GraphQL reports with its message) so clients get a clear error, never a
 * generic "Server Error" or a stack trace.
 */
@GraphQLApi
@ApplicationScoped
public class SupplierGraphQLApi {

  @Inject StockReadModel stock;
  @Inject StockService stockService;

  @Query("product")
  @Description("A product with its stock level")
  public SupplierProduct product(@Name("id") int id) throws GraphQLException {
    return new SupplierProduct(line(id));
  }

  @Query("stockLevel")
  @Description("Units in stock of a product")
  public int stockLevel(@Name("productId") int productId) throws GraphQLException {
    return line(productId).quantity();
  }

  @Query("products")
  @Description("Products, lowest stock first; with lowStockBelow, only those with fewer units")
  public List<SupplierProduct> products(@Name("lowStockBelow") Integer lowStockBelow)
      throws GraphQLException {
    if (lowStockBelow != null && lowStockBelow < 0) {
      throw new GraphQLException("lowStockBelow must be zero or positive");
    }
    return stock.lowerThan(lowStockBelow).stream().map(SupplierProduct::new).toList();
  }

  @Mutation("restock")
  @Description("Adds delivered units to a product's stock and returns the product")
  public SupplierProduct restock(@Name("productId") int productId, @Name("quantity") int quantity)
      throws GraphQLException {
    if (quantity <= 0) {
      throw new GraphQLException("quantity must be greater than 0");
    }
    try {
      stockService.restock(productId, quantity);
    } catch (ApplicationException e) {
      throw new GraphQLException(e.getMessage());
    }
    return new SupplierProduct(line(productId));
  }

  private StockLine line(int productId) throws GraphQLException {
    return stock
        .find(productId)
        .orElseThrow(() -> new GraphQLException("Product " + productId + " does not exist"));
  }
}
