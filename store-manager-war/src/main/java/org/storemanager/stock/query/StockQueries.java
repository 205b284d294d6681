package org.storemanager.stock.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Products joined with their stock level, straight from MySQL: one SQL statement per call, however
 * many products (the overview report must not issue a query per product).
 */
@ApplicationScoped
public class StockQueries {

  private static final String ENTRIES =
      "select new org.storemanager.stock.query.StockEntry("
          + "p.id, p.name, p.sku, p.price, s.quantity, s.version)"
          + " from Product p join Stock s on s.productId = p.id";

  @PersistenceContext EntityManager em;

  /** For StockOverviewQueryIT, which counts the statements of {@link #overview()}. */
  EntityManager entityManager() {
    return em;
  }

  /** Every product with name, SKU, unit price and units in stock. */
  public List<StockLine> overview() {
    return em.createQuery(
            "select new org.storemanager.stock.query.StockLine("
                + "p.id, p.name, p.sku, p.price, s.quantity)"
                + " from Product p join Stock s on s.productId = p.id order by p.id",
            StockLine.class)
        .getResultList();
  }

  public List<StockEntry> allEntries() {
    return em.createQuery(ENTRIES + " order by p.id", StockEntry.class).getResultList();
  }

  public Optional<StockEntry> entry(long productId) {
    return em.createQuery(ENTRIES + " where p.id = :id", StockEntry.class)
        .setParameter("id", productId)
        .getResultStream()
        .findFirst();
  }

  public List<StockEntry> entries(Collection<Long> productIds) {
    return em.createQuery(ENTRIES + " where p.id in :ids", StockEntry.class)
        .setParameter("ids", productIds)
        .getResultList();
  }
}
