package org.storemanager.orders.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.OrderView;

/**
 * Orders read from MySQL: for read-through on a Redis miss, for the read-model rebuild, and the
 * newest orders of the operations page.
 */
@ApplicationScoped
public class OrderQueries {

  @PersistenceContext EntityManager em;

  public Optional<OrderView> find(long orderId) {
    return em.createQuery(
            "select o from Order o left join fetch o.items where o.id = :id", Order.class)
        .setParameter("id", orderId)
        .getResultStream()
        .findFirst()
        .map(OrderView::of);
  }

  /** Orders with ids in [fromId, toId], items included: two statements, whatever the range. */
  public List<OrderView> findRange(long fromId, long toId) {
    return em.createQuery(
            "select distinct o from Order o left join fetch o.items"
                + " where o.id between :from and :to order by o.id",
            Order.class)
        .setParameter("from", fromId)
        .setParameter("to", toId)
        .getResultStream()
        .map(OrderView::of)
        .toList();
  }

  /**
   * The {@code limit} newest orders (highest ids), without their items: one statement ({@code ORDER
   * BY id DESC LIMIT n} on the primary key), for the operations page.
   */
  public List<RecentOrder> recent(int limit) {
    return em.createQuery(
            "select o.id, o.userId, o.sagaState, o.totalAmount, o.createdAt from Order o"
                + " order by o.id desc",
            Object[].class)
        .setMaxResults(limit)
        .getResultStream()
        .map(
            row ->
                new RecentOrder(
                    (Long) row[0],
                    (Long) row[1],
                    row[2].toString(),
                    (BigDecimal) row[3],
                    row[4].toString()))
        .toList();
  }

  public long maxId() {
    Long max = em.createQuery("select max(o.id) from Order o", Long.class).getSingleResult();
    return max == null ? 0 : max;
  }
}
