package org.storemanager.common.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens for the tests, signed with the LOCAL DEVELOPMENT key of liberty-config/dev-keys (the one
 * {@code ./stack token} uses), with the issuer and audience the servers expect by default; and the
 * broken ones the security tests send (expired, foreign issuer, tampered, unsigned).
 */
public final class DevTokens {

  public static final String ISSUER = "https://store-manager.local/dev-issuer";
  public static final String AUDIENCE = "store-manager";

  private static final Map<String, String> VALID = new ConcurrentHashMap<>();
  private static RSAPrivateKey key;

  private DevTokens() {}

  /** A valid token with these roles, one hour long (the same one for the whole test run). */
  public static String of(String... roles) {
    return VALID.computeIfAbsent(String.join(",", roles), r -> builder().roles(roles).sign());
  }

  /** {@code Authorization} header value for a valid token with these roles. */
  public static String bearer(String... roles) {
    return "Bearer " + of(roles);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** One token's claims; {@link #sign()} signs it with the development key. */
  public static final class Builder {
    private List<String> roles = List.of();
    private String issuer = ISSUER;
    private String audience = AUDIENCE;
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofHours(1);

    public Builder roles(String... value) {
      roles = List.of(value);
      return this;
    }

    public Builder issuer(String value) {
      issuer = value;
      return this;
    }

    public Builder audience(String value) {
      audience = value;
      return this;
    }

    /** Issued {@code age} ago with {@code lifetime}: an age above the lifetime makes it expired. */
    public Builder issued(Duration age, Duration lifetime) {
      this.issuedAt = Instant.now().minus(age);
      this.lifetime = lifetime;
      return this;
    }

    JWTClaimsSet claims() {
      String subject = "test-" + String.join("-", roles);
      return new JWTClaimsSet.Builder()
          .issuer(issuer)
          .audience(audience)
          .subject(subject)
          .claim("upn", subject + "@store-manager.local")
          .claim("groups", roles)
          .issueTime(Date.from(issuedAt))
          .expirationTime(Date.from(issuedAt.plus(lifetime)))
          .jwtID(UUID.randomUUID().toString())
          .build();
    }

    /** RS256, as {@code ./stack token} signs. */
    public String sign() {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims());
      try {
        jwt.sign(new RSASSASigner(privateKey()));
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
      return jwt.serialize();
    }

    /** {@code "alg": "none"} and no signature: must be refused however good its claims are. */
    public String unsigned() {
      return new PlainJWT(claims()).serialize();
    }

    /** Signed, then one claim changed (the roles): the signature no longer matches. */
    public String tampered(String... forgedRoles) {
      String[] parts = sign().split("\\.");
      String forged = parts[1];
      String payload = new String(Base64.getUrlDecoder().decode(forged), StandardCharsets.UTF_8);
      String roleList = "[\"" + String.join("\",\"", forgedRoles) + "\"]";
      String changed = payload.replaceFirst("\"groups\":\\[[^\\]]*\\]", "\"groups\":" + roleList);
      if (changed.equals(payload)) {
        throw new IllegalStateException("no groups claim to forge in " + payload);
      }
      String encoded =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(changed.getBytes(StandardCharsets.UTF_8));
      return parts[0] + "." + encoded + "." + parts[2];
    }
  }

  private static synchronized RSAPrivateKey privateKey() {
    if (key == null) {
      Path pem =
          Path.of(
              System.getProperty(
                  "jwt.dev.private.key", "../liberty-config/dev-keys/jwt-dev-private.pem"));
      try {
        String base64 =
            Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        key =
            (RSAPrivateKey)
                KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("Cannot read the development signing key " + pem, e);
      }
    }
    return key;
  }
}
