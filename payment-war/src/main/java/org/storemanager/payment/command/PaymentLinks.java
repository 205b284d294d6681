package org.storemanager.payment.command;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A payment link is a capability (docs/adr/0009): it carries a key that opens that one payment and
 * no other, so a customer who has the link can pay without an account, while knowing a payment's
 * sequential id is not enough. The key is an HMAC-SHA256 of the payment id under a server secret:
 * nothing to store, and it cannot be guessed or derived for another id without the secret.
 */
@ApplicationScoped
public class PaymentLinks {

  private static final String ALGORITHM = "HmacSHA256";

  /** Where customers pay: the gateway's payments route (env PAYMENT_LINK_BASE_URL). */
  @Inject
  @ConfigProperty(name = "payment.link.base-url")
  String baseUrl;

  /** The HMAC secret (env PAYMENT_LINK_SECRET); the default is a local-development value. */
  @Inject
  @ConfigProperty(name = "payment.link.secret")
  String secret;

  private SecretKeySpec key;

  @PostConstruct
  void init() {
    key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The link a customer opens to pay {@code paymentId}, key included. */
  public String linkFor(long paymentId) {
    return baseUrl + "/payments-api/payments/process/" + paymentId + "?key=" + keyFor(paymentId);
  }

  /** Whether {@code candidate} is the key of {@code paymentId} (compared in constant time). */
  public boolean opens(long paymentId, String candidate) {
    byte[] expected = keyFor(paymentId).getBytes(StandardCharsets.US_ASCII);
    return candidate != null
        && MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
  }

  String keyFor(long paymentId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(("payment:" + paymentId).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
