package org.storemanager.supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;

/**
 * Serves GraphQL at the reference's path too, {@code POST /stocks/graphql-query} (same body: {@code
 * {query, variables}}), so the course's clients work unchanged. A filter, not a servlet mapping:
 * the JAX-RS application is mapped at {@code /} and has a {@code /stocks} resource, and a filter
 * runs before either servlet is chosen. The request is forwarded to the GraphQL servlet, where
 * {@link GraphQLLimitFilter} and {@link GraphQLErrorFilter} apply as for {@code /graphql}; web.xml
 * protects both paths with the same roles.
 */
@WebFilter(urlPatterns = "/stocks/graphql-query", asyncSupported = true)
public class GraphQLQueryPathFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.getRequestDispatcher("/graphql").forward(request, response);
  }
}
