package org.storemanager.common.security;

import jakarta.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Gives the 401 of Liberty's MicroProfile JWT feature a JSON body. When a resource with
 * {@code @RolesAllowed} is called without a valid token, the feature answers from inside the filter
 * chain with a status, a {@code WWW-Authenticate} challenge and an empty body, then flushes; this
 * wrapper writes the error contract's body just before that flush. Anything that writes its own
 * body (a JAX-RS answer, the GraphQL servlet) is left alone.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AuthenticationErrorFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    JsonChallenge wrapped = new JsonChallenge((HttpServletResponse) response);
    chain.doFilter(request, wrapped);
    wrapped.writeBodyIfEmpty401();
    if (wrapped.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      RefusedTokenLog.noteRefused((HttpServletRequest) request);
    }
  }

  private static final class JsonChallenge extends HttpServletResponseWrapper {
    private boolean bodyTaken;

    JsonChallenge(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      bodyTaken = true;
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      bodyTaken = true;
      return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
      writeBodyIfEmpty401();
      super.flushBuffer();
    }

    void writeBodyIfEmpty401() throws IOException {
      if (getStatus() != SC_UNAUTHORIZED || bodyTaken || isCommitted()) {
        return;
      }
      bodyTaken = true;
      byte[] body =
          Json.createObjectBuilder()
              .add("error", AuthenticationErrorServlet.messageFor(SC_UNAUTHORIZED))
              .build()
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      setContentType("application/json");
      setContentLength(body.length);
      super.getOutputStream().write(body);
    }
  }
}
