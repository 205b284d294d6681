package org.storemanager.common.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The first answer to one idempotency key of one caller on one endpoint (table {@code
 * idempotency_keys}). Inserted at the start of the request's transaction, before anything else, so
 * that a concurrent request with the same key waits on the primary key; completed with the answer
 * before that transaction commits. A committed row therefore always holds an answer; a request that
 * failed left no row at all.
 */
@Entity
@Table(name = "idempotency_keys")
@IdClass(StoredAnswer.Key.class)
public class StoredAnswer {

  /** The primary key: scope and idempotency key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String scope;
    private String idempotencyKey;

    public Key() {}

    Key(String scope, String idempotencyKey) {
      this.scope = scope;
      this.idempotencyKey = idempotencyKey;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && scope.equals(key.scope)
          && idempotencyKey.equals(key.idempotencyKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(scope, idempotencyKey);
    }
  }

  /** Endpoint and caller, e.g. {@code POST /orders sub:alice}: two clients never share keys. */
  @Id
  @Column(name = "scope", length = 255)
  private String scope;

  @Id
  @Column(name = "idempotency_key", length = 255)
  private String idempotencyKey;

  @Column(name = "request_fingerprint", nullable = false, length = 64)
  private String fingerprint;

  @Column(name = "response_status")
  private Integer status;

  @Column(name = "response_body", columnDefinition = "MEDIUMTEXT")
  private String body;

  @Column(name = "response_location", length = 2048)
  private String location;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected StoredAnswer() {}

  StoredAnswer(String scope, String idempotencyKey, String fingerprint, Instant createdAt) {
    this.scope = scope;
    this.idempotencyKey = idempotencyKey;
    this.fingerprint = fingerprint;
    this.createdAt = createdAt;
  }

  static Key key(String scope, String idempotencyKey) {
    return new Key(scope, idempotencyKey);
  }

  /** Records the answer; called once, inside the transaction that inserted the row. */
  void answer(int status, String body, String location) {
    this.status = status;
    this.body = body;
    this.location = location;
  }

  /** Whether this answer was given to the request with this fingerprint. */
  boolean answers(String requestFingerprint) {
    return fingerprint.equals(requestFingerprint);
  }

  /** A row created before {@code cutoff} is forgotten: as if it were not there. */
  boolean expiredAt(Instant cutoff) {
    return createdAt.isBefore(cutoff);
  }

  int status() {
    return status;
  }

  String body() {
    return body;
  }

  String location() {
    return location;
  }
}
