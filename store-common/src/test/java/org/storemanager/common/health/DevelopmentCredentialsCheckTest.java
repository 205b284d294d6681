package org.storemanager.common.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The committed development credentials are recognised, by file, inline or as a secret, and nothing
 * else is (pure logic; the committed files of the repository are read).
 */
class DevelopmentCredentialsCheckTest {

  private static final Path DEV_KEY = Path.of("../liberty-config/dev-keys/jwt-dev-public.pem");

  @Test
  void theCommittedKeyIsRecognisedByItsLocationAndInline() throws Exception {
    assertEquals(
        1,
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.empty(), Optional.of(DEV_KEY.toString()), Optional.empty())
            .size());
    assertEquals(
        1,
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.empty(), Optional.of("file:" + DEV_KEY.toAbsolutePath()), Optional.empty())
            .size());
    assertEquals(
        1,
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.of(Files.readString(DEV_KEY)), Optional.empty(), Optional.empty())
            .size());
  }

  @Test
  void theCommittedLinkSecretIsRecognised() throws Exception {
    String committed =
        Files.readAllLines(
                Path.of(
                    "../payment-war/src/main/resources/META-INF/microprofile-config.properties"))
            .stream()
            .filter(line -> line.startsWith("payment.link.secret="))
            .findFirst()
            .orElseThrow()
            .substring("payment.link.secret=".length());
    assertEquals(
        1,
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.empty(), Optional.empty(), Optional.of(committed))
            .size());
  }

  @Test
  void otherCredentialsAndUnreadableLocationsAreNotFlagged(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path other = dir.resolve("other.pem");
    Files.writeString(
        other,
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n");
    assertTrue(
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.empty(),
                Optional.of(other.toString()),
                Optional.of("a-real-secret-of-mine"))
            .isEmpty());
    assertTrue(
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.empty(), Optional.of("/no/such/file.pem"), Optional.empty())
            .isEmpty());
    assertTrue(
        DevelopmentCredentialsCheck.committedCredentialsInUse(
                Optional.empty(), Optional.of("https://idp.example/jwks"), Optional.empty())
            .isEmpty());
  }
}
