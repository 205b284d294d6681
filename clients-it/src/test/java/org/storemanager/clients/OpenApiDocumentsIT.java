package org.storemanager.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed OpenAPI documents (docs/openapi/, the generated clients' input) are what the
 * running services serve at {@code /openapi}, apart from the server URL (the stack's ports): they
 * cannot drift from the code. After a change of the API: {@code ./stack up}, {@code ./stack
 * openapi}, commit the files.
 */
class OpenApiDocumentsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "store-manager, store.url, http://127.0.0.1:5000",
    "payment, payment.url, http://127.0.0.1:5009"
  })
  void theCommittedDocumentIsTheServedOne(String name, String urlProperty, String defaultUrl)
      throws Exception {
    Path file =
        Path.of(System.getProperty("stack.root", "..")).resolve("docs/openapi/" + name + ".json");
    assertTrue(Files.isRegularFile(file), file + " is missing: run ./stack openapi");
    HttpResponse<String> served =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        System.getProperty(urlProperty, defaultUrl) + "/openapi?format=JSON"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, served.statusCode(), served.body());
    assertEquals(
        withoutServers(JSON.readTree(served.body())),
        withoutServers(JSON.readTree(file.toFile())),
        "docs/openapi/"
            + name
            + ".json differs from the document the service serves: run ./stack openapi and commit"
            + " it (the generated clients are built from that file)");
  }

  private static JsonNode withoutServers(JsonNode document) {
    ((ObjectNode) document).remove("servers");
    return document;
  }
}
