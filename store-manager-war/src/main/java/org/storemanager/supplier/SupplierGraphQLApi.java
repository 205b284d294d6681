package org.storemanager.supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.GraphQLException;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.storemanager.common.error.ApplicationException;
import org.storemanager.stock.command.StockService;
import org.storemanager.stock.query.StockLine;
import org.storemanager.stock.query.StockReadModel;

/**
 * What suppliers can ask and do. Product ids are GraphQL {@code ID}s as in the reference's schema
 * ({@code product(id: "1")}; {@code product(id: 1)} works too). Business failures are thrown as
 * {@link ProductNotFoundException} or {@link InvalidSupplierInputException}: checked {@link
 * GraphQLException}s, whose message MicroProfile GraphQL shows, and which {@link GraphQLErrors}
 * marks as client errors with a stable {@code extensions.code}; never a generic "Server Error" or a
 * stack trace.
 */
@GraphQLApi
@ApplicationScoped
public class SupplierGraphQLApi {

  @Inject StockReadModel stock;
  @Inject StockService stockService;

  @Query("product")
  @Description("A product with its stock level")
  public SupplierProduct product(@Name("id") @Id @NonNull String id) throws GraphQLException {
    return new SupplierProduct(line(ProductIds.parse("id", id)));
  }

  @Query("stockLevel")
  @Description("Units in stock of a product")
  public int stockLevel(@Name("productId") @Id @NonNull String productId) throws GraphQLException {
    return line(ProductIds.parse("productId", productId)).quantity();
  }

  @Query("products")
  @Description(
      "Products, lowest stock first; with lowStockBelow, only those with fewer units. One page of"
          + " at most `first` products (20 without it, 1 to 50); the next page: after = the id of"
          + " the last product of this one")
  public List<SupplierProduct> products(
      @Name("lowStockBelow") Integer lowStockBelow,
      @Name("first") Integer first,
      @Name("after") @Id String after)
      throws GraphQLException {
    if (lowStockBelow != null && lowStockBelow < 0) {
      throw new InvalidSupplierInputException("lowStockBelow must be zero or positive");
    }
    int size = first == null ? ProductPages.DEFAULT : first;
    if (size < 1 || size > ProductPages.MAX) {
      throw new InvalidSupplierInputException(
          "first must be between 1 and " + ProductPages.MAX + " (one page of products)");
    }
    Long afterId = after == null ? null : ProductIds.parse("after", after);
    try {
      return stock.lowerThan(lowStockBelow, afterId, size).stream()
          .map(SupplierProduct::new)
          .toList();
    } catch (NoSuchElementException e) {
      throw new InvalidSupplierInputException(
          "after: product " + afterId + " does not exist (give the id of a product of a page)");
    }
  }

  @Mutation("restock")
  @Description("Adds delivered units to a product's stock and returns the product")
  public SupplierProduct restock(
      @Name("productId") @Id @NonNull String productId, @Name("quantity") int quantity)
      throws GraphQLException {
    long id = ProductIds.parse("productId", productId);
    if (quantity <= 0) {
      throw new InvalidSupplierInputException("quantity must be greater than 0");
    }
    try {
      stockService.restock(id, quantity);
    } catch (ApplicationException e) {
      // The command answers both an unknown product and the stock maximum with a 422: tell them
      // apart here, on this (rare) failure path only.
      throw stock.find(id).isEmpty()
          ? new ProductNotFoundException(e.getMessage())
          : new InvalidSupplierInputException(e.getMessage());
    }
    return new SupplierProduct(line(id));
  }

  private StockLine line(long productId) throws ProductNotFoundException {
    return stock
        .find(productId)
        .orElseThrow(
            () -> new ProductNotFoundException("Product " + productId + " does not exist"));
  }
}
