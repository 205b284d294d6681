package org.storemanager.catalog.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.storemanager.catalog.model.User;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.ResourceNotFoundException;

/** Creates, reads and deletes users; e-mail addresses are unique. */
@ApplicationScoped
public class UserService {

  @PersistenceContext EntityManager em;

  @Transactional
  public long create(String name, String email) {
    boolean taken =
        !em.createQuery("select u.id from User u where u.email = :email", Long.class)
            .setParameter("email", email)
            .getResultList()
            .isEmpty();
    if (taken) {
      throw new ConflictException("A user with email " + email + " already exists");
    }
    User user = new User(name, email);
    em.persist(user);
    em.flush(); // the unique index is the arbiter if two requests race past the check above
    return user.getId();
  }

  public Optional<User> find(long id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  @Transactional
  public void delete(long id) {
    User user = em.find(User.class, id);
    if (user == null) {
      throw new ResourceNotFoundException("User " + id + " does not exist");
    }
    long orders =
        em.createQuery("select count(o) from Order o where o.userId = :id", Long.class)
            .setParameter("id", id)
            .getSingleResult();
    if (orders > 0) {
      throw new ConflictException(
          "User " + id + " has " + orders + " order(s) and cannot be deleted");
    }
    em.remove(user);
  }
}
