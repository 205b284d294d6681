package org.storemanager.common.idempotency;

/**
 * One request that carries an idempotency key: where it is remembered (scope and key) and what it
 * asked for (the fingerprint of its body).
 */
public record KeyedRequest(String scope, String key, String fingerprint) {

  StoredAnswer.Key id() {
    return StoredAnswer.key(scope, key);
  }
}
