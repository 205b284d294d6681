package org.storemanager.common.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.storemanager.common.error.ConflictException;

/**
 * Makes a POST safe to retry with {@code Idempotency-Key} (docs/adr/0011-idempotency-keys.md). A
 * resource hands over the header, the parsed request and the work as a {@code Supplier<Response>}:
 *
 * <ul>
 *   <li>no header: the work runs as it always did;
 *   <li>a new key: the work runs once, in one transaction with the stored answer;
 *   <li>a key seen in the last {@code idempotency.retention.hours} with the same request: the first
 *       answer again (status, body, {@code Location}), with {@code Idempotent-Replayed: true}, and
 *       nothing runs; with another request: 422;
 *   <li>a key whose first request is still running: this one waits for it, then answers as above
 *       (or runs afresh if the first one failed, since a failure stores nothing).
 * </ul>
 *
 * Not transactional itself, and must not be called inside a transaction: it is where a concurrent
 * duplicate's failed insert is caught, after its transaction rolled back.
 */
@ApplicationScoped
public class IdempotentRequests {

  /** What fits the scope column (VARBINARY(255)). */
  private static final int MAX_SCOPE = 255;

  @Inject StoredAnswers answers;

  /**
   * Runs {@code work} at most once per key, endpoint and caller.
   *
   * @param endpoint names the operation, e.g. {@code POST /orders}
   * @param caller the authenticated caller (its JWT subject scopes the key), or null
   * @param keyHeader the {@code Idempotency-Key} header as received, or null
   * @param request the parsed request body: its fingerprint tells a retry from a new request
   * @param work answers a success or throws; its transactional services join the key's transaction
   * @throws org.storemanager.common.error.InvalidRequestException (400) for a malformed key
   * @throws org.storemanager.common.error.UnprocessableException (422) for a key used with a
   *     different request
   */
  public Response run(
      String endpoint,
      Principal caller,
      String keyHeader,
      Object request,
      Supplier<Response> work) {
    Optional<IdempotencyKey> key = IdempotencyKey.parse(keyHeader);
    if (key.isEmpty()) {
      return work.get();
    }
    KeyedRequest keyed =
        new KeyedRequest(
            scope(endpoint, caller), key.get().value(), RequestFingerprint.of(request));
    // Twice at most: a key taken but gone when read again was purged in between.
    for (int attempt = 1; ; attempt++) {
      try {
        return answers.runOnce(keyed, work);
      } catch (StoredAnswers.NotAnswered e) {
        return e.response();
      } catch (StoredAnswers.KeyTaken e) {
        Optional<Response> replay = answers.replayCommitted(keyed);
        if (replay.isPresent()) {
          return replay.get();
        }
        if (attempt == 2) {
          throw new ConflictException(
              "A request with this " + IdempotencyKey.HEADER + " is in progress: retry later");
        }
      }
    }
  }

  /**
   * Where a key is remembered: the endpoint and who called it, so that two clients sending the same
   * key never see each other's answers. The caller is its token's subject (stable, unique per
   * issuer), else its principal name. A caller id that is not printable ASCII or too long is
   * replaced by its SHA-256, so that the scope is plain ASCII that fits its column.
   */
  static String scope(String endpoint, Principal caller) {
    String who;
    if (caller == null) {
      who = "anonymous";
    } else if (caller instanceof JsonWebToken token && token.getSubject() != null) {
      who = "sub:" + token.getSubject();
    } else {
      who = "name:" + caller.getName();
    }
    String scope = endpoint + " " + who;
    if (scope.length() <= MAX_SCOPE && printableAscii(scope)) {
      return scope;
    }
    return endpoint + " sha256:" + sha256(who);
  }

  private static boolean printableAscii(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
