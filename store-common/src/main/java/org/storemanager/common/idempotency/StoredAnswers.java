package org.storemanager.common.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.storemanager.common.error.ConflictException;
import org.storemanager.common.error.UnprocessableException;
import org.storemanager.common.web.JsonNaming;

/**
 * The transactions behind {@link IdempotentRequests}: each method runs in a transaction of its own,
 * so that a duplicate key can be caught by the caller, outside of it.
 */
@ApplicationScoped
public class StoredAnswers {

  /** MySQL and MariaDB: the lock wait ran out (innodb_lock_wait_timeout, 50 s by default). */
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  @PersistenceContext EntityManager em;

  /** How long a key is remembered (env IDEMPOTENCY_RETENTION_HOURS). */
  @Inject
  @ConfigProperty(name = "idempotency.retention.hours", defaultValue = "24")
  long retentionHours;

  /**
   * Another request with this key committed first (or is still running and then committed): its
   * stored answer is the answer.
   */
  public static final class KeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyTaken(Throwable cause) {
      super("idempotency key taken", cause, false, false);
    }
  }

  /**
   * An error the action answered without throwing: it rolls the transaction back like an exception
   * would, and its response is given as it is, remembered nowhere.
   */
  public static final class NotAnswered extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Response response;

    NotAnswered(Response response) {
      super("answered " + response.getStatus(), null, false, false);
      this.response = response;
    }

    public Response response() {
      return response;
    }
  }

  /**
   * Answers from the stored row if there is one; otherwise inserts the key row first (a concurrent
   * request with the same key blocks on it until this transaction ends), runs {@code action} in
   * this same transaction and stores its answer with it. The action's own {@code @Transactional}
   * services join this transaction, so the order (or payment) and its key commit together.
   *
   * @throws KeyTaken when the key was committed by another request meanwhile
   * @throws UnprocessableException (422) when the key was used for a different request
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Response runOnce(KeyedRequest request, Supplier<Response> action) {
    Instant now = Instant.now();
    Instant cutoff = now.minus(Duration.ofHours(retentionHours));
    StoredAnswer stored = em.find(StoredAnswer.class, request.id());
    if (stored != null && !stored.expiredAt(cutoff)) {
      return replay(stored, request);
    }
    if (stored != null) {
      // Expired but not purged yet. Deleted only while still expired: a concurrent request that
      // replaced it meanwhile keeps its row, and this one then finds the key taken.
      em.detach(stored);
      em.createNativeQuery(
              "DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key"
                  + " AND created_at < :cutoff")
          .setParameter("scope", request.scope())
          .setParameter("key", request.key())
          .setParameter("cutoff", cutoff)
          .executeUpdate();
    }
    StoredAnswer answer =
        new StoredAnswer(request.scope(), request.key(), request.fingerprint(), now);
    try {
      em.persist(answer);
      em.flush(); // waits here while another transaction holds this key
    } catch (PersistenceException e) {
      if (sqlState(e).startsWith("23")) {
        throw new KeyTaken(e);
      }
      if (hasErrorCode(e, LOCK_WAIT_TIMEOUT)) {
        throw new ConflictException(
            "A request with this "
                + IdempotencyKey.HEADER
                + " is still being processed: retry later");
      }
      throw e;
    }
    Response response = action.get();
    if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
      throw new NotAnswered(response);
    }
    answer.answer(
        response.getStatus(),
        body(response.getEntity()),
        response.getLocation() == null ? null : response.getLocation().toString());
    return response;
  }

  /** The committed answer to this key, read afresh after {@link KeyTaken}. */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Response> replayCommitted(KeyedRequest request) {
    Instant cutoff = Instant.now().minus(Duration.ofHours(retentionHours));
    return Optional.ofNullable(em.find(StoredAnswer.class, request.id()))
        .filter(stored -> !stored.expiredAt(cutoff))
        .map(stored -> replay(stored, request));
  }

  /** Deletes up to 1000 rows older than the retention period; returns how many. */
  @Transactional(TxType.REQUIRES_NEW)
  public int purgeExpired() {
    return em.createNativeQuery(
            "DELETE FROM idempotency_keys WHERE created_at < :cutoff LIMIT 1000")
        .setParameter("cutoff", Instant.now().minus(Duration.ofHours(retentionHours)))
        .executeUpdate();
  }

  /** The stored answer again, marked as such; 422 if the key came with another request. */
  static Response replay(StoredAnswer stored, KeyedRequest request) {
    if (!stored.answers(request.fingerprint())) {
      throw new UnprocessableException(
          "This "
              + IdempotencyKey.HEADER
              + " was already used with a different request: send a new key for a new request");
    }
    Response.ResponseBuilder replay =
        Response.status(stored.status()).header(IdempotencyKey.REPLAYED_HEADER, "true");
    if (stored.body() != null) {
      replay.entity(stored.body()).type(MediaType.APPLICATION_JSON_TYPE);
    }
    if (stored.location() != null) {
      replay.header(HttpHeaders.LOCATION, stored.location());
    }
    return replay.build();
  }

  /** The entity as JAX-RS writes it: our JSON-B configuration ({@link JsonNaming}). */
  static String body(Object entity) {
    if (entity == null || entity instanceof String) {
      return (String) entity;
    }
    return JsonNaming.jsonb().toJson(entity);
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  private static boolean hasErrorCode(Throwable e, int code) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == code) {
        return true;
      }
    }
    return false;
  }
}
