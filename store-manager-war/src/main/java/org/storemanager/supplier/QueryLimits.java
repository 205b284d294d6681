package org.storemanager.supplier;

import graphql.language.Document;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The cost rule of one GraphQL request (docs/adr/0010): at most {@code maxFields} selected fields,
 * {@code maxDepth} levels and {@code maxItems} list items (every {@code products} counts its page
 * size). Defaults: 20 fields (three products with all five fields, or twenty stock levels: far more
 * than the course's clients ask at once), depth 5 (the schema's deepest useful query has 2 levels)
 * and 100 items (five default pages). A document that only introspects the schema has its own
 * budget instead, {@code introspectionFields} and {@code introspectionDepth}: the standard
 * introspection query of GraphiQL and the other tools nests 13 levels and selects about 200 fields,
 * all answered from the schema in memory.
 */
record QueryLimits(
    int maxFields, int maxDepth, int maxItems, int introspectionFields, int introspectionDepth) {

  static final int FIELDS = 20;
  static final int DEPTH = 5;
  static final int ITEMS = 100;
  static final int INTROSPECTION_FIELDS = 400;
  static final int INTROSPECTION_DEPTH = 16;

  /** These field and depth limits, the default item and introspection budgets. */
  QueryLimits(int maxFields, int maxDepth) {
    this(maxFields, maxDepth, ITEMS, INTROSPECTION_FIELDS, INTROSPECTION_DEPTH);
  }

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
      shape = QueryShape.of(parsed, variables);
    } catch (QueryShape.MalformedQueryException e) {
      return new Refusal(
          "Invalid GraphQL query: " + e.getMessage(), "InvalidSyntax", GraphQLErrors.PARSE_FAILED);
    } catch (QueryShape.TooDeepException e) {
      return tooDeep(">" + QueryShape.MAX_NESTING, maxDepth, "");
    }
    boolean introspection = QueryShape.introspectionOnly(parsed);
    int depthLimit = introspection ? introspectionDepth : maxDepth;
    int fieldLimit = introspection ? introspectionFields : maxFields;
    String what = introspection ? " for an introspection query" : "";
    if (shape.depth() > depthLimit) {
      return tooDeep(Integer.toString(shape.depth()), depthLimit, what);
    }
    if (shape.fields() > fieldLimit) {
      return tooComplex(
          "it selects "
              + shape.fields()
              + " fields (aliases and fragment fields count each time), at most "
              + fieldLimit
              + " are allowed per request"
              + what);
    }
    if (shape.items() > maxItems) {
      return tooComplex(
          "its lists may return "
              + shape.items()
              + " items (each products counts its page size: first, "
              + ProductPages.DEFAULT
              + " without it), at most "
              + maxItems
              + " are allowed per request");
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

  private static Refusal tooComplex(String why) {
    return new Refusal(
        "Query too complex: " + why, GraphQLErrors.CLIENT_ERROR, GraphQLErrors.TOO_COMPLEX);
  }

  private static Refusal tooDeep(String depth, int limit, String what) {
    return new Refusal(
        "Query too deep: its fields nest "
            + depth
            + " levels, at most "
            + limit
            + " are allowed per request"
            + what,
        GraphQLErrors.CLIENT_ERROR,
        GraphQLErrors.TOO_DEEP);
  }
}
