package org.storemanager.supplier;

import graphql.language.Document;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The cost rule of one GraphQL request (docs/adr/0010): at most {@code maxFields} selected fields
 * and {@code maxDepth} levels. Defaults: 20 fields (three products with all five fields, or twenty
 * stock levels: far more than the course's clients ask at once) and depth 5 (the schema's deepest
 * useful query has 2 levels).
 */
record QueryLimits(int maxFields, int maxDepth) {

  static final int FIELDS = 20;
  static final int DEPTH = 5;

  /** Why a document is refused, as the GraphQL error it is answered with. */
  record Refusal(String message, String classification, String code) {}

  /** Null if the document may run, else the refusal. */
  Refusal check(String document) {
    return check(document, JsonValue.EMPTY_JSON_OBJECT);
  }

  /** Null if the document may run with these variables, else the refusal (parsed once). */
  Refusal check(String document, JsonObject variables) {
    Document parsed;
    QueryShape shape;
    try {
      parsed = QueryShape.parse(document);
      shape = QueryShape.of(parsed);
    } catch (QueryShape.MalformedQueryException e) {
      return new Refusal(
          "Invalid GraphQL query: " + e.getMessage(), "InvalidSyntax", GraphQLErrors.PARSE_FAILED);
    } catch (QueryShape.TooDeepException e) {
      return tooDeep(">" + QueryShape.MAX_NESTING);
    }
    if (shape.depth() > maxDepth) {
      return tooDeep(Integer.toString(shape.depth()));
    }
    if (shape.fields() > maxFields) {
      return new Refusal(
          "Query too complex: it selects "
              + shape.fields()
              + " fields (aliases and fragment fields count each time), at most "
              + maxFields
              + " are allowed per request",
          GraphQLErrors.CLIENT_ERROR,
          GraphQLErrors.TOO_COMPLEX);
    }
    return wholeNumbers(parsed, variables);
  }

  /**
   * Int arguments and variables get whole numbers: SmallRye reads values itself before graphql-java
   * validates them (2.5 became 2, 0.0 became 0), so these are checked here.
   */
  private static Refusal wholeNumbers(Document parsed, JsonObject variables) {
    String literal = QueryShape.numberLiteralProblem(parsed);
    if (literal != null) {
      return new Refusal(
          "Invalid argument "
              + literal
              + " (every number argument of this schema is an ID or a 32-bit Int: write 2, not"
              + " 2.0)",
          GraphQLErrors.CLIENT_ERROR,
          GraphQLErrors.VALIDATION_FAILED);
    }
    for (String name : QueryShape.intVariables(parsed)) {
      if (variables.get(name) instanceof JsonNumber number && !number.isIntegral()) {
        return new Refusal(
            "Variable $" + name + " is declared Int: " + number + " is not a whole number",
            GraphQLErrors.CLIENT_ERROR,
            InvalidSupplierInputException.CODE);
      }
    }
    return null;
  }

  private Refusal tooDeep(String depth) {
    return new Refusal(
        "Query too deep: its fields nest "
            + depth
            + " levels, at most "
            + maxDepth
            + " are allowed per request",
        GraphQLErrors.CLIENT_ERROR,
        GraphQLErrors.TOO_DEEP);
  }
}
