package org.storemanager.common.web;

import jakarta.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose {@code Host} header is no valid host (RFC 9110 section 7.2: a host and an
 * optional port) with a 400. Liberty passes such a header on, and the JAX-RS runtime then fails to
 * build the request's base URI: that was a 500. A request without the header (HTTP/1.0) goes on.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HostHeaderFilter implements Filter {

  static final String MESSAGE = "Bad request: the Host header is not a valid host[:port]";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String host = ((HttpServletRequest) request).getHeader("Host");
    if (host != null && !isValidHost(host)) {
      HttpServletResponse res = (HttpServletResponse) response;
      byte[] body =
          Json.createObjectBuilder()
              .add("error", MESSAGE)
              .build()
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      res.setContentType("application/json");
      res.setContentLength(body.length);
      res.getOutputStream().write(body);
      return;
    }
    chain.doFilter(request, response);
  }

  /** A host name or IP literal with an optional port, as {@link URI} parses a server authority. */
  static boolean isValidHost(String host) {
    if (host.isEmpty()
        || host.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || "@/?#\\".indexOf(c) >= 0)) {
      return false;
    }
    try {
      URI uri = new URI("http://" + host + "/").parseServerAuthority();
      return uri.getHost() != null && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
