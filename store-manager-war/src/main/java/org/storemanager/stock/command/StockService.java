package org.storemanager.stock.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.storemanager.common.error.UnprocessableException;
import org.storemanager.stock.model.Stock;
import org.storemanager.stock.model.StockEntry;

/**
 * Every stock change is a single conditional UPDATE: the database checks the level and changes it
 * atomically, so concurrent orders can never push a level below zero or above {@link
 * #MAX_QUANTITY}. Each update also increments the row's version. Multi-product changes lock rows in
 * product-id order to avoid deadlocks.
 *
 * <p>The stock domain's port: the catalog opens and closes stock levels here, the order saga takes
 * and puts back units here; nobody outside {@code stock} touches the stock table otherwise.
 */
@ApplicationScoped
public class StockService {

  /** Upper bound of a stock level (the column is a 32-bit INT). */
  public static final int MAX_QUANTITY = 1_000_000_000;

  private static final String SET =
      "update Stock s set s.quantity = :q, s.version = s.version + 1 where s.productId = :p";
  private static final String ADD =
      "update Stock s set s.quantity = s.quantity + :q, s.version = s.version + 1"
          + " where s.productId = :p and s.quantity <= :max - :q";
  private static final String TAKE =
      "update Stock s set s.quantity = s.quantity - :q, s.version = s.version + 1"
          + " where s.productId = :p and s.quantity >= :q";

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(StockService.class.getName());

  @PersistenceContext EntityManager em;

  @Inject Event<StockLevelsChanged> changed;
  @Inject Event<StockLevelRemoved> removed;

  /** Gives a new product its stock level (0 units), in the caller's (the product's) transaction. */
  @Transactional(TxType.MANDATORY)
  public void open(long productId) {
    em.persist(new Stock(productId, 0));
    em.flush();
    announce(Set.of(productId));
  }

  /** Removes a product's stock level, in the caller's transaction (the product is deleted). */
  @Transactional(TxType.MANDATORY)
  public void close(long productId) {
    em.createQuery("delete from Stock s where s.productId = :id")
        .setParameter("id", productId)
        .executeUpdate();
    removed.fire(new StockLevelRemoved(productId));
  }

  /** Sets the level of one product ({@code POST /stocks}). */
  @Transactional
  public void setQuantity(long productId, int quantity) {
    if (update(SET, productId, quantity) == 0) {
      throw unknownProduct(productId);
    }
    announce(Set.of(productId));
  }

  /** Adds delivered units (supplier restock). */
  @Transactional
  public void restock(long productId, int quantity) {
    if (update(ADD, productId, quantity) == 0) {
      int current = currentQuantity(productId); // throws if the product does not exist
      throw new UnprocessableException(
          "Restocking product "
              + productId
              + " by "
              + quantity
              + " would exceed the maximum of "
              + MAX_QUANTITY
              + " units (currently "
              + current
              + ")");
    }
    announce(Set.of(productId));
  }

  /**
   * Takes an order's units out of stock, all or nothing, in the caller's transaction: the stock
   * rows are locked (in product-id order) and checked first, and only if every line is covered are
   * they decreased. Returns the shortage, if any, as a message; nothing is changed then.
   */
  @Transactional(TxType.MANDATORY)
  public Optional<String> takeOutIfAvailable(Map<Long, Integer> quantities) {
    Map<Long, Integer> available = new TreeMap<>();
    List<Stock> locked =
        em.createQuery(
                "select s from Stock s where s.productId in :ids order by s.productId", Stock.class)
            .setParameter("ids", quantities.keySet())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    locked.forEach(stock -> available.put(stock.getProductId(), stock.getQuantity()));
    for (Map.Entry<Long, Integer> line : new TreeMap<>(quantities).entrySet()) {
      int inStock = available.getOrDefault(line.getKey(), 0);
      if (inStock < line.getValue()) {
        return Optional.of(
            "Insufficient stock for product "
                + line.getKey()
                + ": "
                + line.getValue()
                + " requested, "
                + inStock
                + " available");
      }
    }
    new TreeMap<>(quantities).forEach((productId, quantity) -> update(TAKE, productId, quantity));
    // The locked Stock entities are stale after the bulk updates: detached, so nothing reads them.
    // Only they: clearing the whole persistence context would detach the caller's order too, and
    // the saga step would load it again (one SELECT per order).
    locked.forEach(em::detach);
    announce(quantities.keySet());
    return Optional.empty();
  }

  /**
   * Locks the stock rows of {@code productIds} until the caller's transaction ends, in product-id
   * order, without loading them. A saga batch takes every lock its handlers will need at once: each
   * handler locks its own order's rows in product order, but one after the other they would lock a
   * batch's rows out of order, and two lanes' batches could deadlock.
   */
  @Transactional(TxType.MANDATORY)
  public void lockInProductOrder(Collection<Long> productIds) {
    if (productIds.isEmpty()) {
      return;
    }
    em.createNativeQuery(
            "SELECT product_id FROM stocks WHERE product_id IN (:ids)"
                + " ORDER BY product_id FOR UPDATE")
        .setParameter("ids", new TreeSet<>(productIds))
        .getResultList();
  }

  /** Puts units back (order deleted or cancelled), in the caller's transaction. */
  @Transactional(TxType.MANDATORY)
  public void putBack(Map<Long, Integer> quantities) {
    new TreeMap<>(quantities)
        .forEach(
            (productId, quantity) -> {
              if (update(ADD, productId, quantity) == 0) {
                LOG.warning(
                    "Could not put "
                        + quantity
                        + " unit(s) back for product "
                        + productId
                        + " (missing, or above the maximum of "
                        + MAX_QUANTITY
                        + ")");
              }
            });
    announce(quantities.keySet());
  }

  private int update(String jpql, long productId, int quantity) {
    var query = em.createQuery(jpql).setParameter("q", quantity).setParameter("p", productId);
    if (jpql.contains(":max")) {
      query.setParameter("max", MAX_QUANTITY);
    }
    return query.executeUpdate();
  }

  /** Reads the new levels inside the transaction: the read model receives them after commit. */
  private void announce(Collection<Long> productIds) {
    List<StockEntry> entries =
        em.createQuery(StockEntry.SELECT + " where p.id in :ids", StockEntry.class)
            .setParameter("ids", productIds)
            .getResultList();
    changed.fire(new StockLevelsChanged(entries));
  }

  private int currentQuantity(long productId) {
    return em.createQuery("select s.quantity from Stock s where s.productId = :p", Integer.class)
        .setParameter("p", productId)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> unknownProduct(productId));
  }

  private static UnprocessableException unknownProduct(long productId) {
    return new UnprocessableException("Product " + productId + " does not exist");
  }
}
