package org.storemanager.stock.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
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

  /**
   * One page of {@link #overview()}, optionally only the products whose name or SKU contains {@code
   * search} (case-insensitive): two statements (the page, the count), for the staff app's product
   * list.
   */
  public StockPage page(String search, int page, int size) {
    String pattern = search == null || search.isBlank() ? null : likePattern(search.strip());
    String where =
        pattern == null
            ? ""
            : " where lower(p.name) like :q escape '!' or lower(p.sku) like :q escape '!'";
    var lines =
        em.createQuery(
            "select new org.storemanager.stock.query.StockLine("
                + "p.id, p.name, p.sku, p.price, s.quantity)"
                + " from Product p join Stock s on s.productId = p.id"
                + where
                + " order by p.id",
            StockLine.class);
    var count =
        em.createQuery(
            "select count(p) from Product p join Stock s on s.productId = p.id" + where,
            Long.class);
    if (pattern != null) {
      lines.setParameter("q", pattern);
      count.setParameter("q", pattern);
    }
    List<StockLine> items =
        lines.setFirstResult((page - 1) * size).setMaxResults(size).getResultList();
    return new StockPage(items, page, size, count.getSingleResult());
  }

  /**
   * {@code %text%} in lower case, with LIKE's wildcards in {@code text} taken literally ({@code !}
   * escapes: a backslash would need MariaDB's quoting rules).
   */
  static String likePattern(String text) {
    String escaped =
        text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + escaped + "%";
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
