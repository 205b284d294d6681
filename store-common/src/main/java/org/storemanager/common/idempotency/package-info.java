/**
 * {@code Idempotency-Key} on POST requests (docs/adr/0011-idempotency-keys.md): a client that
 * retries with the same key gets the first answer again instead of a second order or payment.
 *
 * <ul>
 *   <li>{@link org.storemanager.common.idempotency.IdempotencyKey}: reads the header (a bare token
 *       or a structured-field string), refuses a malformed one with 400;
 *   <li>{@link org.storemanager.common.idempotency.RequestFingerprint}: tells the same request from
 *       another one sent with the same key (SHA-256 of its canonical JSON);
 *   <li>{@link org.storemanager.common.idempotency.IdempotentRequests}: what a resource calls; runs
 *       the request once per key and caller, replays the stored answer afterwards;
 *   <li>{@link org.storemanager.common.idempotency.StoredAnswer} (table {@code idempotency_keys}),
 *       written in the request's own transaction by {@link
 *       org.storemanager.common.idempotency.StoredAnswers}, forgotten after {@code
 *       idempotency.retention.hours} by {@link
 *       org.storemanager.common.idempotency.IdempotencyKeyPurge}.
 * </ul>
 */
package org.storemanager.common.idempotency;
