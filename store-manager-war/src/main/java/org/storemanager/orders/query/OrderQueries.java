package org.storemanager.orders.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.storemanager.orders.model.Order;

/** Orders read from MySQL: for read-through on a Redis miss and for the read-model rebuild. */
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

  public long maxId() {
    Long max = em.createQuery("select max(o.id) from Order o", Long.class).getSingleResult();
    return max == null ? 0 : max;
  }
}
