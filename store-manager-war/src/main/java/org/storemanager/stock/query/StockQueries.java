package org.storemanager.stock.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.storemanager.stock.model.StockEntry;

/**
 * Products joined with their stock level, straight from MySQL: one SQL statement per call, however
 * many products (the overview report must not issue a query per product).
 */
@ApplicationScoped
public class StockQueries {

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
    return em.createQuery(StockEntry.SELECT + " order by p.id", StockEntry.class).getResultList();
  }

  public Optional<StockEntry> entry(long productId) {
    return em.createQuery(StockEntry.SELECT + " where p.id = :id", StockEntry.class)
        .setParameter("id", productId)
        .getResultStream()
        .findFirst();
  }
}
