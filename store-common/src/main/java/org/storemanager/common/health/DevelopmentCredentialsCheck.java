package org.storemanager.common.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Refuses to call the service ready while a credential committed to the repository is in use
 * outside local development (issue 29): the JWT public key of {@code liberty-config/dev-keys/},
 * whose private key is committed beside it (anyone could mint a manager token), and the payment
 * service's development link secret (anyone could compute any payment's link key).
 *
 * <p>{@code deployment.environment} (env {@code DEPLOYMENT_ENVIRONMENT}) says where the service
 * runs: {@code development} (what {@code ./stack} sets) accepts them, with a warning in the log at
 * start-up; anything else, {@code production} by default, makes {@code /health/ready} DOWN with a
 * message naming what to set, so a load balancer or compose's health check never routes to it. The
 * credentials are recognised by the SHA-256 of the key's PEM body and of the secret: this class
 * holds no credential.
 */
@Readiness
@ApplicationScoped
public class DevelopmentCredentialsCheck implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(DevelopmentCredentialsCheck.class.getName());

  /** SHA-256 of the base64 body of {@code liberty-config/dev-keys/jwt-dev-public.pem}. */
  static final String DEV_JWT_KEY_SHA256 =
      "b0577850f7b7399bd5f9aae2951aef630d60f10b831277726b5f0d82bfab2033";

  /** SHA-256 of the development default of {@code payment.link.secret}. */
  static final String DEV_LINK_SECRET_SHA256 =
      "e16a960b9f463f6a1e38486e27d93fa993388355581b74314bfe4a3075cc3c50";

  static final String ENVIRONMENT = "deployment.environment";

  private volatile List<String> inUse = List.of();
  private volatile boolean development;

  @PostConstruct
  void inspect() {
    Config config = ConfigProvider.getConfig();
    development =
        "development"
            .equalsIgnoreCase(
                config.getOptionalValue(ENVIRONMENT, String.class).orElse("production").trim());
    inUse =
        committedCredentialsInUse(
            config.getOptionalValue("mp.jwt.verify.publickey", String.class),
            config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
            config.getOptionalValue("payment.link.secret", String.class));
    if (!inUse.isEmpty()) {
      if (development) {
        LOG.warning(
            "LOCAL DEVELOPMENT credentials in use (accepted: "
                + ENVIRONMENT
                + "=development): "
                + String.join("; ", inUse));
      } else {
        LOG.severe(message());
      }
    }
  }

  /** Inspects at start-up, so the warning or the refusal is in the log before any request. */
  void atStartUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
    inUse.size(); // the bean is created, and inspect() ran
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("credentials");
    if (inUse.isEmpty() || development) {
      return response.up().withData("development_credentials", !inUse.isEmpty()).build();
    }
    return response.down().withData("reason", message()).build();
  }

  private String message() {
    return "committed LOCAL DEVELOPMENT credentials in use outside development: "
        + String.join("; ", inUse)
        + ". Set your own (MP_JWT_VERIFY_PUBLICKEY_LOCATION, PAYMENT_LINK_SECRET), or "
        + "DEPLOYMENT_ENVIRONMENT=development to accept them on a development machine";
  }

  /** Which committed credentials the given configuration uses (pure logic, for the unit test). */
  static List<String> committedCredentialsInUse(
      Optional<String> inlineKey, Optional<String> keyLocation, Optional<String> linkSecret) {
    List<String> found = new ArrayList<>();
    Optional<String> key =
        inlineKey
            .filter(k -> !k.isBlank())
            .or(() -> keyLocation.flatMap(DevelopmentCredentialsCheck::read));
    if (key.map(DevelopmentCredentialsCheck::pemBody)
        .map(DevelopmentCredentialsCheck::sha256)
        .filter(DEV_JWT_KEY_SHA256::equals)
        .isPresent()) {
      found.add("the JWT public key of liberty-config/dev-keys/ (its private key is committed)");
    }
    if (linkSecret
        .map(DevelopmentCredentialsCheck::sha256)
        .filter(DEV_LINK_SECRET_SHA256::equals)
        .isPresent()) {
      found.add("the development payment.link.secret");
    }
    return found;
  }

  /** The file behind a key location (a path or a file: URL); empty if unreadable or remote. */
  private static Optional<String> read(String location) {
    String path = location.trim();
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
    }
    if (path.contains("://")) {
      return Optional.empty(); // a JWKS or HTTPS location: not the committed file
    }
    try {
      return Optional.of(Files.readString(Path.of(path), StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A PEM's base64 body, without its BEGIN/END lines and whitespace. */
  static String pemBody(String pem) {
    StringBuilder body = new StringBuilder();
    for (String line : pem.split("\\R")) {
      if (!line.startsWith("-----")) {
        body.append(line.strip());
      }
    }
    return body.toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
