package org.storemanager.supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Measuring a document (fields, depth) and the limits of one request. */
class QueryLimitsTest {

  private static final QueryLimits DEFAULTS = new QueryLimits(20, 5);

  private static String aliases(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "a" + i + ": stockLevel(productId: " + (i + 1) + ")")
        .collect(Collectors.joining(" ", "{ ", " }"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{ stockLevel(productId: 1) } | 1 | 1",
        "{ product(id: \"1\") { id name sku price quantity } } | 6 | 2",
        "query Q($id: ID!) { product(id: $id) { id } } | 2 | 2",
        "mutation { restock(productId: \"1\", quantity: 5) { id quantity } } | 3 | 2",
        "{ products(lowStockBelow: 100) { id name quantity } } | 4 | 2",
        // aliases count, each
        "{ a: stockLevel(productId: 1) b: stockLevel(productId: 2) } | 2 | 1",
        // a fragment counts where it is spread, every time
        "{ a: product(id: 1) { ...F } b: product(id: 2) { ...F } } fragment F on Product { id name }"
            + " | 6 | 2",
        "{ product(id: 1) { ... on Product { id } ... @include(if: true) { name } } } | 3 | 2",
        // argument values, directives, strings and comments are no fields
        "{ product(id: \"} { x y z\") @skip(if: false) { id } } # { a b c } | 2 | 2",
        "query($a: [Int!]! = [1, 2] @d(x: {y: \"(\"})) { stockLevel(productId: \"\"\"1\\\"\"\" \"\"\") } | 1 | 1",
        // every operation of the document counts
        "query A { stockLevel(productId: 1) } query B { stockLevel(productId: 2) } | 2 | 1",
        "{ __typename } | 1 | 1"
      })
  void measuresFieldsAndDepth(String document, long fields, int depth) throws Exception {
    QueryShape shape = QueryShape.of(document);
    assertEquals(fields, shape.fields(), "fields");
    assertEquals(depth, shape.depth(), "depth");
  }

  @Test
  void theCoursesQueriesAreWithinTheDefaults() {
    assertNull(DEFAULTS.check("{ product(id: \"1\") { id name sku price quantity } }"));
    assertNull(
        DEFAULTS.check("mutation { restock(productId: \"1\", quantity: 5) { id quantity } }"));
    assertNull(DEFAULTS.check(aliases(20)));
  }

  @Test
  void fiveHundredAliasesAreRefused() {
    QueryLimits.Refusal refusal = DEFAULTS.check(aliases(500));
    assertEquals(GraphQLErrors.TOO_COMPLEX, refusal.code());
    assertEquals("ValidationError", refusal.classification());
    assertEquals(
        "Query too complex: it selects 500 fields (aliases and fragment fields count each time),"
            + " at most 20 are allowed per request",
        refusal.message());
    assertEquals(GraphQLErrors.TOO_COMPLEX, DEFAULTS.check(aliases(21)).code());
  }

  @Test
  void fragmentsCannotMultiplyPastTheLimit() {
    // Each level spreads the previous one twice: 2^30 fields from a short document.
    StringBuilder doc = new StringBuilder("{ product(id: 1) { ...F30 } }");
    doc.append(" fragment F0 on Product { id }");
    for (int i = 1; i <= 30; i++) {
      doc.append(" fragment F").append(i).append(" on Product { ...F").append(i - 1);
      doc.append(" ...F").append(i - 1).append(" }");
    }
    QueryLimits.Refusal refusal = DEFAULTS.check(doc.toString());
    assertEquals(GraphQLErrors.TOO_COMPLEX, refusal.code());
    assertTrue(refusal.message().contains("selects " + ((1L << 30) + 1) + " fields"));
  }

  /**
   * The standard introspection query (graphql-java's copy of graphql-js' getIntrospectionQuery).
   */
  private static final String INTROSPECTION =
      graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY;

  @Test
  void theStandardIntrospectionQueryHasItsOwnBudget() throws Exception {
    QueryShape shape = QueryShape.of(INTROSPECTION);
    assertTrue(shape.depth() > 5 && shape.depth() <= QueryLimits.INTROSPECTION_DEPTH, "" + shape);
    assertTrue(
        shape.fields() > 20 && shape.fields() <= QueryLimits.INTROSPECTION_FIELDS / 2, "" + shape);
    assertNull(DEFAULTS.check(INTROSPECTION));
    assertNull(
        DEFAULTS.check("{ __type(name: \"Product\") { name fields { name type { name } } } }"));
  }

  @Test
  void introspectionBudgetHoldsOnlyForIntrospection() {
    // Data fields next to __schema: the normal limits.
    String mixed = INTROSPECTION.replace("__schema {", "products { id } __schema {");
    assertEquals(GraphQLErrors.TOO_DEEP, DEFAULTS.check(mixed).code());
    // Deep data under an introspection-looking alias is still data.
    assertEquals(
        GraphQLErrors.TOO_DEEP,
        DEFAULTS.check("{ __schema: a { b { c { d { e { f } } } } } }").code());
    // Aliases of the whole introspection multiply its fields past its own budget.
    String twice =
        "{ a: __schema { ...S } b: __schema { ...S } c: __schema { ...S } }"
            + INTROSPECTION.substring(INTROSPECTION.indexOf("fragment"))
            + " fragment S on __Schema { types { ...FullType } directives { name args { ...InputValue } } }";
    QueryLimits.Refusal refusal = DEFAULTS.check(twice);
    assertEquals(GraphQLErrors.TOO_COMPLEX, refusal.code(), String.valueOf(refusal));
    assertTrue(refusal.message().endsWith("for an introspection query"), refusal.message());
    // A mutation is never introspection.
    assertEquals(
        GraphQLErrors.TOO_DEEP,
        DEFAULTS.check("mutation { __typename a { b { c { d { e { f } } } } } }").code());
  }

  private static String productLists(int count, String arguments) {
    return IntStream.range(0, count)
        .mapToObj(i -> "p" + i + ": products" + arguments + " { id }")
        .collect(Collectors.joining(" ", "{ ", " }"));
  }

  @Test
  void listsAreChargedTheirPageSize() throws Exception {
    assertEquals(20, QueryShape.of("{ products { id name } }").items());
    assertEquals(7, QueryShape.of("{ products(first: 7) { id } }").items());
    assertEquals(
        50,
        QueryShape.of("{ products(first: 5000) { id } }").items(),
        "refused later: charged the most");
    assertEquals(0, QueryShape.of("{ product(id: 1) { id } stockLevel(productId: 2) }").items());
    assertEquals(
        40, QueryShape.of("{ ...Q ...Q } fragment Q on Query { products { id } }").items());
    assertEquals(
        9,
        QueryShape.of(
                QueryShape.parse("query($n: Int) { products(first: $n) { id } }"),
                jakarta.json.Json.createObjectBuilder().add("n", 9).build())
            .items());
  }

  @Test
  void tenAliasedProductListsAreRefusedUnlessEachIsSmall() {
    QueryLimits.Refusal refusal = DEFAULTS.check(productLists(10, ""));
    assertEquals(GraphQLErrors.TOO_COMPLEX, refusal.code());
    assertEquals(
        "Query too complex: its lists may return 200 items (each products counts its page size:"
            + " first, 20 without it), at most 100 are allowed per request",
        refusal.message());
    assertEquals(GraphQLErrors.TOO_COMPLEX, DEFAULTS.check(productLists(6, "")).code());
    assertNull(DEFAULTS.check(productLists(5, "")));
    assertNull(DEFAULTS.check(productLists(10, "(first: 10)")));
  }

  @Test
  void depthIsLimited() {
    String six = "{ a { b { c { d { e { f } } } } } }";
    QueryLimits.Refusal refusal = DEFAULTS.check(six);
    assertEquals(GraphQLErrors.TOO_DEEP, refusal.code());
    assertEquals(
        "Query too deep: its fields nest 6 levels, at most 5 are allowed per request",
        refusal.message());
    assertNull(DEFAULTS.check("{ a { b { c { d { e } } } } }"));
    // Through fragments as well.
    assertEquals(
        GraphQLErrors.TOO_DEEP,
        DEFAULTS.check("{ a { ...F } } fragment F on T { b { c { d { e { f } } } } }").code());
  }

  @Test
  void pathologicalNestingIsRefusedWithoutOverflowingTheStack() {
    String deep = "{ a ".repeat(100_000) + "}".repeat(100_000);
    assertEquals(GraphQLErrors.TOO_DEEP, DEFAULTS.check(deep).code());
    String inline = "{ ... ".repeat(100_000) + "{ a }" + " }".repeat(100_000);
    assertEquals(GraphQLErrors.TOO_DEEP, DEFAULTS.check(inline).code());
    assertEquals(
        GraphQLErrors.TOO_DEEP, DEFAULTS.check("{ a { ...F } } fragment F on T { b ...F }").code());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   # only a comment",
        "{ stockLevel(productId: 1)",
        "{ }",
        "{ product(id: \"1) { id } }",
        "type Query { x: Int }",
        "{ a } fragment F on T { b } fragment F on T { c }",
        "{ a: }",
        "{ a . b }",
        "{ a ~ }",
        "{ a { ...Missing } }"
      })
  void malformedDocumentsAreRefusedAsSyntaxErrors(String document) {
    QueryLimits.Refusal refusal = DEFAULTS.check(document);
    assertEquals(GraphQLErrors.PARSE_FAILED, refusal.code());
    assertEquals("InvalidSyntax", refusal.classification());
    assertTrue(refusal.message().startsWith("Invalid GraphQL query: "), refusal.message());
    assertTrue(refusal.message().contains("(line "), refusal.message());
  }

  @Test
  void theLocationOfASyntaxErrorIsGiven() {
    assertThrows(QueryShape.MalformedQueryException.class, () -> QueryShape.of("{\n  a ~ }"));
    // The wording is graphql-java's; the location is given as ours.
    String message = DEFAULTS.check("{\n  a ~ }").message();
    assertTrue(message.startsWith("Invalid GraphQL query: "), message);
    assertTrue(message.endsWith(" (line 2, column 5)"), message);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "{ products(lowStockBelow: 0.0) { id } } | lowStockBelow: 0.0 is not a whole number",
        "mutation { restock(productId: 1, quantity: 2.5) { id } } | quantity: 2.5 is not a whole number",
        "{ products(lowStockBelow: 639299151823087730688) { id } } | lowStockBelow:"
            + " 639299151823087730688 is beyond 32 bits",
        "{ products(lowStockBelow: 3) { id } } | ",
        "{ product(id: 639299151823087730688) { id } } | ",
        "{ product(id: \"1.5\") { id } } | "
      })
  void numberLiteralsMustFitTheirArgument(String document, String expected) throws Exception {
    org.junit.jupiter.api.Assertions.assertEquals(
        expected, QueryShape.numberLiteralProblem(QueryShape.parse(document)));
  }

  @org.junit.jupiter.api.Test
  void theIntArgumentsAreTheApisIntParameters() {
    java.util.Set<String> ints = new java.util.HashSet<>();
    for (var method : SupplierGraphQLApi.class.getDeclaredMethods()) {
      for (var parameter : method.getParameters()) {
        var name = parameter.getAnnotation(org.eclipse.microprofile.graphql.Name.class);
        Class<?> type = parameter.getType();
        if (name != null && (type == int.class || type == Integer.class)) {
          ints.add(name.value());
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertEquals(ints, QueryShape.INT_ARGUMENTS);
  }
}
