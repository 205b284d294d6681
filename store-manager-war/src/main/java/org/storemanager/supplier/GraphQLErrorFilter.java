package org.storemanager.supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Works around a defect of Open Liberty 26.0.0.3's mpGraphQL-2.0 (see docs/adr/0003): for a query
 * that fails validation (unknown field, wrong argument type...), the bundled SmallRye GraphQL calls
 * a graphql-java method that no longer exists and the client gets a 500 HTML page with a stack
 * trace. This filter answers such requests with a GraphQL error instead, as the spec expects.
 */
@WebFilter(urlPatterns = "/graphql/*", asyncSupported = true)
public class GraphQLErrorFilter implements Filter {

  private static final Logger LOG = Logger.getLogger(GraphQLErrorFilter.class.getName());
  private static final String INVALID_QUERY =
      "{\"errors\":[{\"message\":\"Invalid GraphQL query: it does not match the schema (check field"
          + " names, arguments and their types against /graphql/schema.graphql)\"}],\"data\":null}";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException | LinkageError e) {
      if (response.isCommitted() || !isValidationDefect(e)) {
        throw e;
      }
      LOG.fine(() -> "GraphQL validation error answered by the filter: " + e);
      response.reset();
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getOutputStream().write(INVALID_QUERY.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean isValidationDefect(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSuchMethodError
          && String.valueOf(t.getMessage()).contains("graphql.validation")) {
        return true;
      }
      if (t instanceof ServletException servlet
          && servlet.getRootCause() != null
          && servlet.getRootCause() != t) {
        if (isValidationDefect(servlet.getRootCause())) {
          return true;
        }
      }
    }
    return false;
  }
}
