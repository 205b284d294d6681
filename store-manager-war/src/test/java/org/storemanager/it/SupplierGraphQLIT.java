package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.redis;
import static org.storemanager.it.Stack.store;

import graphql.introspection.IntrospectionQueryBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/** The suppliers' GraphQL API at /graphql and at the reference's /stocks/graphql-query. */
class SupplierGraphQLIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  private static ValidatableResponse graphql(String query) {
    return store().body(Map.of("query", query)).post("/graphql").then().statusCode(200);
  }

  /** As a supplier, at {@code path}, with variables. */
  private static ValidatableResponse asSupplier(
      String path, String query, Map<String, Object> variables) {
    return given()
        .baseUri(Stack.STORE_URL)
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON)
        .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
        .body(Map.of("query", query, "variables", variables))
        .post(path)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON);
  }

  /** A client error as docs/adr/0003 promises: the message, ValidationError and a stable code. */
  private static ValidatableResponse assertClientError(
      ValidatableResponse response, String code, Matcher<String> message) {
    return response
        .body("errors", hasSize(1))
        .body("errors[0].message", message)
        .body("errors[0].extensions.classification", equalTo("ValidationError"))
        .body("errors[0].extensions.code", equalTo(code))
        .body("errors[0].extensions", not(hasKey("exception")))
        .body(not(containsString("\tat ")));
  }

  @Test
  void idsMayBeStringOrIntLiterals() {
    long product = fixtures.product("2.50", 4);
    for (String id : new String[] {"\"" + product + "\"", Long.toString(product)}) {
      graphql("{ product(id: " + id + ") { id quantity } }")
          .body("errors", nullValue())
          .body("data.product.id", equalTo((int) product))
          .body("data.product.quantity", equalTo(4));
      graphql("{ stockLevel(productId: " + id + ") }").body("data.stockLevel", equalTo(4));
    }
    graphql("mutation { restock(productId: \"" + product + "\", quantity: 5) { quantity } }")
        .body("data.restock.quantity", equalTo(9));
    assertEquals(9L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void theReferencePathAnswersLikeGraphQL() {
    long product = fixtures.product("3.00", 8);
    String query = "query Stock($id: ID!) { product(id: $id) { id name quantity } }";
    Map<String, Object> variables = Map.of("id", Long.toString(product));
    String viaReference =
        asSupplier("/stocks/graphql-query", query, variables).extract().asString();
    String viaGraphql = asSupplier("/graphql", query, variables).extract().asString();
    assertEquals(viaGraphql, viaReference);
    asSupplier("/stocks/graphql-query", query, variables)
        .body("errors", nullValue())
        .body("data.product.id", equalTo((int) product))
        .body("data.product.quantity", equalTo(8));
    // The mutation, and the error contract, are the same there too.
    asSupplier(
            "/stocks/graphql-query",
            "mutation R($id: ID!, $q: Int!) { restock(productId: $id, quantity: $q) { quantity } }",
            Map.of("id", Long.toString(product), "q", 2))
        .body("data.restock.quantity", equalTo(10));
    assertClientError(
        asSupplier("/stocks/graphql-query", "{ product(id: \"987654321\") { id } }", Map.of()),
        "NOT_FOUND",
        equalTo("Product 987654321 does not exist"));
  }

  @Test
  void theReferencePathKeepsItsRoles() {
    given()
        .baseUri(Stack.STORE_URL)
        .contentType(ContentType.JSON)
        .body(Map.of("query", "{ stockLevel(productId: 1) }"))
        .post("/stocks/graphql-query")
        .then()
        .statusCode(401);
    given()
        .baseUri(Stack.STORE_URL)
        .contentType(ContentType.JSON)
        .header("Authorization", DevTokens.bearer(Roles.CLERK))
        .body(Map.of("query", "{ stockLevel(productId: 1) }"))
        .post("/stocks/graphql-query")
        .then()
        .statusCode(403);
  }

  @Test
  void businessErrorsAreClassifiedClientErrors() {
    long product = fixtures.product("1.00", 3);
    assertClientError(
        graphql("{ product(id: 987654321) { id } }"),
        "NOT_FOUND",
        equalTo("Product 987654321 does not exist"));
    assertClientError(
        graphql("mutation { restock(productId: 987654321, quantity: 1) { id } }"),
        "NOT_FOUND",
        containsString("987654321 does not exist"));
    assertClientError(
        graphql("mutation { restock(productId: " + product + ", quantity: 0) { id } }"),
        "BAD_USER_INPUT",
        equalTo("quantity must be greater than 0"));
    assertClientError(
        graphql("mutation { restock(productId: " + product + ", quantity: -4) { id } }"),
        "BAD_USER_INPUT",
        equalTo("quantity must be greater than 0"));
    assertClientError(
        graphql("mutation { restock(productId: " + product + ", quantity: 2000000000) { id } }"),
        "BAD_USER_INPUT",
        containsString("would exceed the maximum"));
    for (String id : new String[] {"\"abc\"", "\"-1\"", "-1", "0", "\"1.5\""}) {
      assertClientError(
          graphql("{ product(id: " + id + ") { id } }"),
          "BAD_USER_INPUT",
          equalTo("id must be a product id: a positive whole number, as 12 or \"12\""));
    }
    assertClientError(
        graphql("{ products(lowStockBelow: -1) { id } }"),
        "BAD_USER_INPUT",
        equalTo("lowStockBelow must be zero or positive"));
    assertEquals(3L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void aFloatForAnIntIsRejected() {
    long product = fixtures.product("1.00", 3);
    // As a literal: graphql-java's validation refuses it (answered by GraphQLErrorFilter).
    assertClientError(
        graphql("mutation { restock(productId: " + product + ", quantity: 2.5) { id } }"),
        "GRAPHQL_VALIDATION_FAILED",
        containsString("quantity: 2.5 is not a whole number"));
    // As a variable: GraphQLLimitFilter refuses it (SmallRye would truncate 2.5 to 2 first).
    asSupplier(
            "/graphql",
            "mutation R($q: Int!) { restock(productId: \"" + product + "\", quantity: $q) { id } }",
            Map.of("q", 2.5))
        .body("errors[0].extensions.classification", equalTo("ValidationError"))
        .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
        .body("data.restock", nullValue());
    assertEquals(3L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void oneRequestMaySelectAtMostTwentyFields() {
    long product = fixtures.product("1.00", 3);
    StringBuilder aliases = new StringBuilder("mutation {");
    for (int i = 0; i < 500; i++) {
      aliases.append(" r").append(i).append(": restock(productId: ").append(product);
      aliases.append(", quantity: 1) { id }");
    }
    assertClientError(
        graphql(aliases.append(" }").toString()),
        "QUERY_TOO_COMPLEX",
        equalTo(
            "Query too complex: it selects 1000 fields (aliases and fragment fields count each"
                + " time), at most 20 are allowed per request"));
    // Refused before any resolver ran: no unit was added.
    assertEquals(3L, queryLong("select quantity from stocks where product_id = ?", product));

    StringBuilder reads = new StringBuilder("{");
    for (int i = 0; i < 500; i++) {
      reads.append(" s").append(i).append(": stockLevel(productId: ").append(product).append(")");
    }
    graphql(reads.append(" }").toString())
        .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
        .body("$", not(hasKey("data")));
    StringBuilder twenty = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      twenty.append(" s").append(i).append(": stockLevel(productId: ").append(product).append(")");
    }
    graphql(twenty.append(" }").toString())
        .body("errors", nullValue())
        .body("data.s19", equalTo(3));
  }

  @Test
  void nestingIsLimited() {
    // Six levels (the schema has two, so the engine would refuse it anyway: the limit comes first).
    assertClientError(
        graphql("{ product(id: 1) { a { b { c { d { e } } } } } }"),
        "QUERY_TOO_DEEP",
        equalTo("Query too deep: its fields nest 6 levels, at most 5 are allowed per request"));
  }

  @Test
  void aBodyThatIsNoGraphQLRequestIsA400() {
    store()
        .body("[1, 2]")
        .post("/graphql")
        .then()
        .statusCode(400)
        .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
  }

  @Test
  void queriesAProductWithItsStock() {
    long product = fixtures.product("12.34", 17);
    graphql("{ product(id: " + product + ") { id name sku price quantity } }")
        .body("data.product.id", equalTo((int) product))
        .body("data.product.name", equalTo("Test Product"))
        .body("data.product.price", equalTo(12.34f))
        .body("data.product.quantity", equalTo(17))
        .body("data.product.sku", notNullValue());
    graphql("{ stockLevel(productId: " + product + ") }").body("data.stockLevel", equalTo(17));
  }

  @Test
  void listsProductsRunningLow() {
    long low = fixtures.product("1.00", 1);
    long plenty = fixtures.product("1.00", 5000);
    graphql("{ products(lowStockBelow: 2, first: 50) { id quantity } }")
        .body("data.products.id", hasItem((int) low))
        .body("data.products.id", not(hasItem((int) plenty)))
        .body("data.products.quantity", everyItem(lessThan(2)));
    assertTrue(allProductIds(7).contains(plenty), "every product is on some page");
  }

  /** Every product id, page by page ({@code first}, {@code after}), as a client walks them. */
  private static List<Long> allProductIds(int pageSize) {
    List<Long> ids = new ArrayList<>();
    long total = queryLong("select count(*) from products");
    String after = null;
    for (int page = 0; page <= total / pageSize + 1; page++) { // bounded: the pages there can be
      String arguments = "first: " + pageSize + (after == null ? "" : ", after: \"" + after + "\"");
      List<Integer> got =
          graphql("{ products(" + arguments + ") { id } }")
              .body("errors", nullValue())
              .extract()
              .jsonPath()
              .getList("data.products.id", Integer.class);
      assertTrue(got.size() <= pageSize, "a page holds at most first products");
      got.forEach(id -> ids.add((long) id));
      if (got.size() < pageSize) {
        break;
      }
      after = Integer.toString(got.get(got.size() - 1));
    }
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no product on two pages: " + ids);
    return ids;
  }

  @Test
  void pagesAreBounded() {
    long product = fixtures.product("1.00", 3);
    assertClientError(
        graphql("{ products(first: 51) { id } }"),
        "BAD_USER_INPUT",
        equalTo("first must be between 1 and 50 (one page of products)"));
    assertClientError(
        graphql("{ products(first: 0) { id } }"),
        "BAD_USER_INPUT",
        equalTo("first must be between 1 and 50 (one page of products)"));
    assertClientError(
        graphql("{ products(after: \"999999999\") { id } }"),
        "BAD_USER_INPUT",
        containsString("after: product 999999999 does not exist"));
    graphql("{ products(first: 1) { id } }").body("data.products", hasSize(1));
    graphql("{ products(first: 3, after: \"" + product + "\") { id } }")
        .body("data.products.id", not(hasItem((int) product)));
  }

  @Test
  void tenAliasedProductListsAreRefused() {
    StringBuilder lists = new StringBuilder("{");
    for (int i = 0; i < 10; i++) {
      lists.append(" p").append(i).append(": products { id }");
    }
    assertClientError(
        graphql(lists.append(" }").toString()),
        "QUERY_TOO_COMPLEX",
        equalTo(
            "Query too complex: its lists may return 200 items (each products counts its page"
                + " size: first, 20 without it), at most 100 are allowed per request"));
  }

  @Test
  void theStandardIntrospectionQueryAnswersSuppliersDirectlyAndThroughTheGateway() {
    // graphql-js' getIntrospectionQuery, as GraphiQL sends it (with deprecated arguments and the
    // deepest type references graphql-js writes): isOneOf is off, the graphql-java 20.9 of
    // Liberty's
    // SmallRye does not know it yet.
    String query =
        IntrospectionQueryBuilder.build(
            IntrospectionQueryBuilder.Options.defaultOptions()
                .isOneOf(false)
                .inputValueDeprecation(true)
                .typeRefFragmentDepth(9));
    Map<String, Object> body = Map.of("query", query);
    for (String url :
        List.of(Stack.STORE_URL + "/graphql", Stack.GATEWAY_URL + "/store-api/graphql")) {
      given()
          .contentType(ContentType.JSON)
          .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
          .body(body)
          .post(url)
          .then()
          .statusCode(200)
          .body("errors", nullValue())
          .body("data.__schema.queryType.name", equalTo("Query"))
          .body("data.__schema.types.name", hasItem("Product"));
    }
    // The depth limit still holds for everything else, also next to __schema.
    assertClientError(
        graphql("{ __schema { queryType { name } } product(id: 1) { a { b { c { d { e } } } } } }"),
        "QUERY_TOO_DEEP",
        equalTo("Query too deep: its fields nest 6 levels, at most 5 are allowed per request"));
  }

  @Test
  void restockAddsUnitsThroughTheCommandPath() {
    long product = fixtures.product("1.00", 3);
    graphql("mutation { restock(productId: " + product + ", quantity: 7) { id quantity } }")
        .body("data.restock.quantity", equalTo(10));
    assertEquals(10L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals("10", redis().hget("stock:" + product, "quantity"));
    store().get("/stocks/" + product).then().body("quantity", equalTo(10));
  }

  @Test
  void errorsAreClearMessagesWithoutStackTraces() {
    long product = fixtures.product("1.00", 3);
    graphql("{ product(id: 987654321) { id } }")
        .body("errors[0].message", equalTo("Product 987654321 does not exist"))
        .body(not(containsString("\tat ")));
    graphql("mutation { restock(productId: " + product + ", quantity: 0) { id } }")
        .body("errors[0].message", equalTo("quantity must be greater than 0"));
    graphql("mutation { restock(productId: " + product + ", quantity: 2000000000) { id } }")
        .body("errors[0].message", containsString("would exceed the maximum"));
    // Validation errors (wrong argument type, unknown field): a GraphQL error, not a 500 page.
    graphql("{ product(id: 1.5) { id } }")
        .body(
            "errors[0].message", containsString("Invalid argument id: 1.5 is not a whole number"));
    graphql("{ nope }").body("errors[0].message", containsString("Invalid GraphQL query"));
    assertEquals(3L, queryLong("select quantity from stocks where product_id = ?", product));
  }
}
