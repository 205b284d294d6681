package org.storemanager.stock.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.UnprocessableException;
import org.storemanager.stock.query.StockQueries;

/**
 * Every stock change is a single conditional UPDATE: the database checks the level and changes it
 * atomically, so concurrent orders can never push a level below zero or above {@link
 * #MAX_QUANTITY}. Each update also increments the row's version. Multi-product changes lock rows in
 * product-id order to avoid deadlocks.
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

  @PersistenceContext EntityManager em;

  @Inject StockQueries queries;
  @Inject Event<StockLevelsChanged> changed;

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
   * Takes the ordered units out of stock, all or nothing: joins the caller's transaction, so a
   * missing unit on any line rolls back every line already taken.
   */
  @Transactional(TxType.MANDATORY)
  public void takeOut(Map<Long, Integer> quantities) {
    new TreeMap<>(quantities)
        .forEach(
            (productId, quantity) -> {
              if (update(TAKE, productId, quantity) == 0) {
                throw new ConflictException(
                    "Insufficient stock for product "
                        + productId
                        + ": "
                        + quantity
                        + " requested, "
                        + currentQuantity(productId)
                        + " available");
              }
            });
    announce(quantities.keySet());
  }

  /** Puts units back (order deleted or cancelled), in the caller's transaction. */
  @Transactional(TxType.MANDATORY)
  public void putBack(Map<Long, Integer> quantities) {
    new TreeMap<>(quantities).forEach((productId, quantity) -> update(ADD, productId, quantity));
    announce(quantities.keySet());
  }

  private int update(String jpql, long productId, int quantity) {
    var query = em.createQuery(jpql).setParameter("q", quantity).setParameter("p", productId);
    if (jpql == ADD) {
      query.setParameter("max", MAX_QUANTITY);
    }
    return query.executeUpdate();
  }

  /** Reads the new levels inside the transaction: the read model receives them after commit. */
  private void announce(Collection<Long> productIds) {
    changed.fire(new StockLevelsChanged(queries.entries(productIds)));
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
