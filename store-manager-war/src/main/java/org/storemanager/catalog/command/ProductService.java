package org.storemanager.catalog.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.storemanager.catalog.model.Product;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.stock.command.StockService;

/**
 * Creates and deletes products. A new product gets its stock row (0 units) in the same transaction,
 * so every product always has a stock level: through {@code StockService}, the stock domain's port
 * (the catalog does not touch the stock table itself). Orders read prices here.
 */
@ApplicationScoped
public class ProductService {

  @PersistenceContext EntityManager em;

  @Inject StockService stock;

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
    stock.open(product.getId());
    return product.getId();
  }

  public Optional<Product> find(long id) {
    return Optional.ofNullable(em.find(Product.class, id));
  }

  /** The current prices of the products that exist among {@code ids} (id -> price). */
  public Map<Long, BigDecimal> prices(Collection<Long> ids) {
    return em.createQuery("select p from Product p where p.id in :ids", Product.class)
        .setParameter("ids", ids)
        .getResultStream()
        .collect(Collectors.toMap(Product::getId, Product::getPrice));
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
    stock.close(id);
    em.remove(product);
  }
}
