package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.storemanager.it.Stack.eventually;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * A refused bearer token never appears in the servers' logs (docs/adr/0008): tokens with a marker
 * of this run (a bad signature, and no JWT at all) are sent to both services and through the
 * gateway; once each server has logged its refusals (our line, without the value), no line of its
 * messages.log or console.log may hold the marker. Liberty's own CWWKS5523E quoted the token.
 */
class RefusedTokenLogIT {

  private static final Duration LOGGED = Duration.ofSeconds(20);

  private static Path logs(String server) {
    return new File(System.getProperty("stack.root", "../"))
        .toPath()
        .resolve(".stack/liberty/wlp/usr/servers/" + server + "/logs");
  }

  @Test
  void refusedTokensAreLoggedWithoutTheirValue() throws Exception {
    String marker = UUID.randomUUID().toString().replace("-", "");
    String valid = DevTokens.bearer(Roles.MANAGER).substring("Bearer ".length());
    String badSignature = valid.substring(0, valid.lastIndexOf('.') + 1) + marker + "AAAA";
    String notAJwt = "not-a-jwt-" + marker;
    long storeBefore = refusals("store-manager");
    long paymentBefore = refusals("payment");
    for (String token : List.of(badSignature, notAJwt)) {
      for (String url :
          List.of(
              Stack.STORE_URL + "/users/1",
              Stack.STORE_URL + "/graphql",
              Stack.PAYMENT_URL + "/payments/1",
              Stack.GATEWAY_URL + "/store-api/users/1")) {
        given().header("Authorization", "Bearer " + token).get(url).then().statusCode(401);
      }
    }
    for (String server : List.of("store-manager", "payment")) {
      // Our line for each refusal: 6 on the store (2 tokens x direct, GraphQL, gateway), 2 on
      // payment.
      long expected = server.equals("payment") ? paymentBefore + 2 : storeBefore + 6;
      eventually(LOGGED, server + " logged its refusals", () -> refusals(server) >= expected);
      for (Path log : logFiles(server)) {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(marker), log + " holds a refused token");
      }
    }
  }

  private static List<Path> logFiles(String server) throws IOException {
    try (Stream<Path> files = Files.list(logs(server))) {
      return files
          .filter(p -> p.getFileName().toString().matches("messages.*\\.log|console\\.log"))
          .toList();
    }
  }

  /** Our refusal lines in the server's messages.log so far. */
  private static long refusals(String server) {
    Path log = logs(server).resolve("messages.log");
    try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.filter(line -> line.contains("401: refused the bearer token")).count();
    } catch (IOException e) {
      return 0;
    }
  }
}
