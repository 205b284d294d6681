package org.storemanager.supplier;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * The error contract of the supplier GraphQL API (docs/adr/0003): every error a client caused
 * carries {@code extensions.classification} {@value #CLIENT_ERROR} (graphql-java's own class for
 * client errors, never {@code DataFetchingException}) and a stable {@code extensions.code}.
 *
 * <p>SmallRye GraphQL 1.0.x reports an exception thrown by a resolver as {@code
 * DataFetchingException} with the exception's class name, and offers no API the application can use
 * to change that; so {@link GraphQLErrorFilter} rewrites those entries of the response with {@link
 * #classify}. Errors raised before execution are built here with {@link #requestError}.
 */
final class GraphQLErrors {

  /** graphql-java's classification of errors in the request (validation, argument values). */
  static final String CLIENT_ERROR = "ValidationError";

  /** The document does not match the schema (unknown field, wrong argument type...). */
  static final String VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";

  /** The document is not GraphQL. */
  static final String PARSE_FAILED = "GRAPHQL_PARSE_FAILED";

  /** Above the field limit of one request (docs/adr/0010). */
  static final String TOO_COMPLEX = "QUERY_TOO_COMPLEX";

  /** Above the nesting limit of one request (docs/adr/0010). */
  static final String TOO_DEEP = "QUERY_TOO_DEEP";

  /** The HTTP body is no GraphQL request ({query, variables, operationName}). */
  static final String BAD_REQUEST = "BAD_REQUEST";

  /** Our resolvers' exceptions, by the class name SmallRye writes in extensions.exception. */
  private static final Map<String, String> CODES =
      Map.of(
          ProductNotFoundException.class.getName(), ProductNotFoundException.CODE,
          InvalidSupplierInputException.class.getName(), InvalidSupplierInputException.CODE);

  private GraphQLErrors() {}

  /**
   * A response for an error found before execution: {@code errors} only, no {@code data} (the
   * GraphQL spec, 7.1.2: "If an error was raised before execution begins, the data entry should not
   * be present").
   */
  static String requestError(String message, String classification, String code) {
    return Json.createObjectBuilder()
        .add(
            "errors",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("message", message)
                        .add(
                            "extensions",
                            Json.createObjectBuilder()
                                .add("classification", classification)
                                .add("code", code))))
        .build()
        .toString();
  }

  /**
   * The response with its client errors classified, or the same object if nothing needed it: our
   * business exceptions get their code (and lose the Java class name, an internal detail);
   * graphql-java's own client errors (a variable of the wrong type) get a code.
   */
  static JsonObject classify(JsonObject response) {
    JsonValue errors = response.get("errors");
    if (!(errors instanceof JsonArray list) || list.isEmpty()) {
      return response;
    }
    boolean changed = false;
    JsonArrayBuilder classified = Json.createArrayBuilder();
    for (JsonValue error : list) {
      JsonValue rewritten = classifyOne(error);
      changed |= rewritten != error;
      classified.add(rewritten);
    }
    if (!changed) {
      return response;
    }
    JsonObjectBuilder out = Json.createObjectBuilder();
    // Keep the order SmallRye writes ("errors" first, then "data").
    response.forEach(
        (key, value) -> out.add(key, key.equals("errors") ? classified.build() : value));
    return out.build();
  }

  private static JsonValue classifyOne(JsonValue error) {
    if (!(error instanceof JsonObject entry)
        || !(entry.get("extensions") instanceof JsonObject extensions)) {
      return error;
    }
    String code = CODES.get(extensions.getString("exception", ""));
    if (code != null) {
      JsonObjectBuilder ext = Json.createObjectBuilder(extensions).remove("exception");
      return Json.createObjectBuilder(entry)
          .add("extensions", ext.add("classification", CLIENT_ERROR).add("code", code))
          .build();
    }
    if (extensions.containsKey("code")) {
      return error;
    }
    String classification = extensions.getString("classification", "");
    String fallback =
        switch (classification) {
          case CLIENT_ERROR -> InvalidSupplierInputException.CODE;
          case "InvalidSyntax" -> PARSE_FAILED;
          default -> null;
        };
    if (fallback == null) {
      return error;
    }
    return Json.createObjectBuilder(entry)
        .add("extensions", Json.createObjectBuilder(extensions).add("code", fallback))
        .build();
  }
}
