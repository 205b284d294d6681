package org.storemanager.catalog.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.storemanager.catalog.model.Product;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.stock.command.StockLevelsChanged;
import org.storemanager.stock.model.Stock;
import org.storemanager.stock.query.StockQueries;

/**
 * Creates and deletes products. A new product gets its stock row (0 units) in the same transaction,
 * so every product always has a stock level.
 */
@ApplicationScoped
public class ProductService {

  @PersistenceContext EntityManager em;

  @Inject StockQueries stockQueries;
  @Inject Event<StockLevelsChanged> stockChanged;
  @Inject Event<ProductDeleted> productDeleted;

  @Transactional
  public long create(String name, String sku, BigDecimal price) {
    boolean taken =
        !em.createQuery("select p.id from Product p where p.sku = :sku", Long.class)
            .setParameter("sku", sku)
            .getResultList()
            .isEmpty();
    if (taken) {
      throw new ConflictException("A product with SKU " + sku + " already exists");
    }
    Product product = new Product(name, sku, price);
    em.persist(product);
    em.flush();
    em.persist(new Stock(product.getId(), 0));
    em.flush();
    stockChanged.fire(new StockLevelsChanged(stockQueries.entries(Set.of(product.getId()))));
    return product.getId();
  }

  public Optional<Product> find(long id) {
    return Optional.ofNullable(em.find(Product.class, id));
  }

  @Transactional
  public void delete(long id) {
    Product product = em.find(Product.class, id);
    if (product == null) {
      throw new ResourceNotFoundException("Product " + id + " does not exist");
    }
    long orderLines =
        em.createQuery("select count(i) from OrderItem i where i.productId = :id", Long.class)
            .setParameter("id", id)
            .getSingleResult();
    if (orderLines > 0) {
      throw new ConflictException(
          "Product " + id + " appears in " + orderLines + " order item(s) and cannot be deleted");
    }
    em.createQuery("delete from Stock s where s.productId = :id")
        .setParameter("id", id)
        .executeUpdate();
    em.remove(product);
    productDeleted.fire(new ProductDeleted(id));
  }

  /** Fired inside the deleting transaction; read models react after it commits. */
  public record ProductDeleted(long productId) {}
}
