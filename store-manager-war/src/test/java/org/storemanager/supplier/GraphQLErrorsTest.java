package org.storemanager.supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The error contract: what SmallRye 1.0.x writes, and what clients get. */
class GraphQLErrorsTest {

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** An error as SmallRye 1.0.26 writes a resolver's checked exception. */
  private static String smallRye(String exception) {
    return "{\"errors\":[{\"message\":\"Product 9 does not exist\",\"locations\":[{\"line\":1,"
        + "\"column\":3}],\"path\":[\"product\"],\"extensions\":{\"exception\":\""
        + exception
        + "\",\"classification\":\"DataFetchingException\",\"code\":\"product-not-found\"}}],"
        + "\"data\":{\"product\":null}}";
  }

  @ParameterizedTest
  @CsvSource({
    "org.storemanager.supplier.ProductNotFoundException, NOT_FOUND",
    "org.storemanager.supplier.InvalidSupplierInputException, BAD_USER_INPUT"
  })
  void businessErrorsBecomeClientErrorsWithAStableCode(String exception, String code) {
    JsonObject out = GraphQLErrors.classify(json(smallRye(exception)));
    JsonObject error = out.getJsonArray("errors").getJsonObject(0);
    assertEquals(
        json("{\"classification\":\"ValidationError\",\"code\":\"" + code + "\"}"),
        error.getJsonObject("extensions"));
    assertEquals("Product 9 does not exist", error.getString("message"));
    assertEquals(json("{\"x\":[\"product\"]}").get("x"), error.get("path"));
    assertEquals(json("{\"product\":null}"), out.getJsonObject("data"));
  }

  @Test
  void graphqlJavasOwnClientErrorsGetACode() {
    String coercion =
        "{\"errors\":[{\"message\":\"Variable 'q' has an invalid value\",\"extensions\":"
            + "{\"classification\":\"ValidationError\"}}],\"data\":null}";
    JsonObject error =
        GraphQLErrors.classify(json(coercion)).getJsonArray("errors").getJsonObject(0);
    assertEquals("BAD_USER_INPUT", error.getJsonObject("extensions").getString("code"));
    String syntax =
        "{\"errors\":[{\"message\":\"Invalid syntax\",\"extensions\":"
            + "{\"classification\":\"InvalidSyntax\"}}]}";
    error = GraphQLErrors.classify(json(syntax)).getJsonArray("errors").getJsonObject(0);
    assertEquals("GRAPHQL_PARSE_FAILED", error.getJsonObject("extensions").getString("code"));
  }

  @Test
  void otherResponsesAreLeftAlone() {
    JsonObject data = json("{\"data\":{\"stockLevel\":3}}");
    assertSame(data, GraphQLErrors.classify(data));
    JsonObject serverError = json(smallRye("java.lang.IllegalStateException"));
    assertSame(serverError, GraphQLErrors.classify(serverError));
    JsonObject noExtensions = json("{\"errors\":[{\"message\":\"x\"}]}");
    assertSame(noExtensions, GraphQLErrors.classify(noExtensions));
  }

  @Test
  void requestErrorsHaveNoData() {
    assertEquals(
        json(
            "{\"errors\":[{\"message\":\"m\",\"extensions\":"
                + "{\"classification\":\"ValidationError\",\"code\":\"QUERY_TOO_COMPLEX\"}}]}"),
        json(GraphQLErrors.requestError("m", "ValidationError", "QUERY_TOO_COMPLEX")));
  }

  @Test
  void theBodyOfARequestMustBeAGraphQLRequest() {
    assertEquals(
        "{ a }", GraphQLLimitFilter.requestOf("{\"query\":\"{ a }\",\"variables\":{}}").query());
    for (String body : new String[] {"", "[]", "null", "{\"query\":1}", "{}", "{\"query\":"}) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> GraphQLLimitFilter.requestOf(body), body);
    }
  }
}
