package org.storemanager.common.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The parts of the mechanism that need no container: scopes, stored bodies, expiry. */
class IdempotentRequestsTest {

  public record OrderCreated(long orderId) {}

  private static JsonWebToken token(String subject, String upn) {
    Map<String, Object> claims =
        subject == null ? Map.of("upn", upn) : Map.of("sub", subject, "upn", upn);
    return new JsonWebToken() {
      @Override
      public String getName() {
        return upn;
      }

      @Override
      public Set<String> getClaimNames() {
        return claims.keySet();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String name) {
        return (T) claims.get(name);
      }
    };
  }

  @Test
  void aKeyIsScopedByEndpointAndTokenSubject() {
    assertEquals(
        "POST /orders sub:test-clerk",
        IdempotentRequests.scope("POST /orders", token("test-clerk", "clerk@x")));
    assertNotEquals(
        IdempotentRequests.scope("POST /orders", token("alice", "a@x")),
        IdempotentRequests.scope("POST /orders", token("bob", "b@x")));
    assertNotEquals(
        IdempotentRequests.scope("POST /orders", token("alice", "a@x")),
        IdempotentRequests.scope("POST /payments", token("alice", "a@x")));
  }

  @Test
  void withoutASubjectThePrincipalNameScopesTheKey() {
    assertEquals(
        "POST /orders name:clerk@x",
        IdempotentRequests.scope("POST /orders", token(null, "clerk@x")));
    Principal plain = () -> "sub:mallory";
    assertEquals("POST /orders name:sub:mallory", IdempotentRequests.scope("POST /orders", plain));
    assertEquals("POST /orders anonymous", IdempotentRequests.scope("POST /orders", null));
  }

  @Test
  void aLongOrNonAsciiCallerIsHashedIntoAnAsciiScopeThatFits() {
    String longScope = IdempotentRequests.scope("POST /orders", token("s".repeat(300), "x"));
    String unicode = IdempotentRequests.scope("POST /orders", token("J\u00fcrgen", "x"));
    for (String scope : new String[] {longScope, unicode}) {
      assertTrue(scope.matches("POST /orders sha256:[0-9a-f]{64}"), scope);
    }
    assertNotEquals(unicode, IdempotentRequests.scope("POST /orders", token("Jurgen", "x")));
  }

  @Test
  void theStoredBodyIsTheJsonTheRestContractWrites() {
    assertEquals("{\"order_id\":7}", StoredAnswers.body(new OrderCreated(7)));
    assertEquals("{\"raw\":1}", StoredAnswers.body("{\"raw\":1}"));
    assertEquals(null, StoredAnswers.body(null));
  }

  @Test
  void anAnswerIsForItsOwnRequestAndExpiresAfterTheCutoff() {
    Instant created = Instant.parse("2026-12-01T10:00:00Z");
    StoredAnswer answer = new StoredAnswer("POST /orders sub:a", "k", "f1", created);
    assertTrue(answer.answers("f1"));
    assertTrue(!answer.answers("f2"));
    assertTrue(!answer.expiredAt(created));
    assertTrue(answer.expiredAt(created.plusNanos(1000)));
  }
}
