package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * The suppliers' GraphiQL page, server side: its three files, without a token, with their content
 * types and the strict CSP, directly ({@code /graphql/ui/}) and through the gateway ({@code
 * /store-api/graphql/ui/}); and the GraphQL endpoint and its schema beside them still the GraphQL
 * servlet's, still needing a token (the page's servlet shadows neither). The page itself runs in
 * chromium in its own browser tests (store-manager-war/src/main/supplier-graphiql/browser-tests/,
 * tools/stack/tests.sh).
 */
class GraphiqlPageIT {

  /** Where the page is: on the Store Manager and through the gateway. */
  private static final List<String> PAGES =
      List.of(Stack.STORE_URL + "/graphql/ui/", Stack.GATEWAY_URL + "/store-api/graphql/ui/");

  @Test
  void theThreeFilesAreServedWithoutATokenDirectlyAndThroughTheGateway() {
    for (String page : PAGES) {
      given()
          .get(page)
          .then()
          .statusCode(200)
          .contentType(containsString("text/html"))
          .header("Content-Security-Policy", containsString("default-src 'none'"))
          .header("Content-Security-Policy", containsString("script-src 'self'"))
          .header("Content-Security-Policy", containsString("connect-src 'self'"))
          .header("Cache-Control", equalTo("no-cache"))
          .body(containsString("src=\"./graphiql.js\""))
          .body(containsString("href=\"./graphiql.css\""));
      given()
          .get(page + "graphiql.js")
          .then()
          .statusCode(200)
          .contentType(containsString("text/javascript"))
          .header("X-Content-Type-Options", equalTo("nosniff"));
      given()
          .get(page + "graphiql.css")
          .then()
          .statusCode(200)
          .contentType(containsString("text/css"))
          .body(containsString(".graphiql-container"));
    }
  }

  @Test
  void thePageRedirectsToItsSlashAndNamesNoOtherFile() {
    given()
        .baseUri(Stack.STORE_URL)
        .redirects()
        .follow(false)
        .get("/graphql/ui")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/graphql/ui/"));
    given()
        .baseUri(Stack.STORE_URL)
        .get("/graphql/ui/no-such-file.js")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
  }

  @Test
  void theGraphQLEndpointAndItsSchemaStayTheGraphQLServletsWithTheirRoles() {
    given()
        .baseUri(Stack.STORE_URL)
        .contentType(ContentType.JSON)
        .body(Map.of("query", "{ __typename }"))
        .post("/graphql")
        .then()
        .statusCode(401);
    given().baseUri(Stack.STORE_URL).get("/graphql/schema.graphql").then().statusCode(401);
    given()
        .baseUri(Stack.STORE_URL)
        .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
        .get("/graphql/schema.graphql")
        .then()
        .statusCode(200)
        .body(containsString("type Query"));
    // The endpoint the page posts to, relative to it: ../ of /graphql/ui/ and of
    // /store-api/graphql/ui/.
    for (String endpoint :
        List.of(Stack.STORE_URL + "/graphql", Stack.GATEWAY_URL + "/store-api/graphql")) {
      given()
          .contentType(ContentType.JSON)
          .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
          .body(Map.of("query", "{ __schema { queryType { name } } }"))
          .post(endpoint)
          .then()
          .statusCode(200)
          .body("errors", nullValue())
          .body("data.__schema.queryType.name", equalTo("Query"));
    }
  }
}
