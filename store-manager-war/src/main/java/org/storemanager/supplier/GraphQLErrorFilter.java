package org.storemanager.supplier;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Gives GraphQL errors the contract of docs/adr/0003: a client error carries {@code
 * extensions.classification} and a stable {@code extensions.code} ({@link GraphQLErrors}). The
 * response of the GraphQL servlet is held back and its errors rewritten before it is sent.
 *
 * <p>It also works around a defect of Open Liberty 26.0.0.3's mpGraphQL-2.0: for a query that fails
 * validation (unknown field, wrong argument type such as 2.5 for an Int...), the bundled SmallRye
 * GraphQL calls a graphql-java method that no longer exists and the client would get a 500 HTML
 * page with a stack trace. This filter answers such requests with a GraphQL error instead.
 */
@WebFilter(
    urlPatterns = "/graphql/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD},
    asyncSupported = true)
public class GraphQLErrorFilter implements Filter {

  private static final Logger LOG = Logger.getLogger(GraphQLErrorFilter.class.getName());
  static final String INVALID_QUERY =
      GraphQLErrors.requestError(
          "Invalid GraphQL query: it does not match the schema (check field names, arguments and"
              + " their types against /graphql/schema.graphql)",
          GraphQLErrors.CLIENT_ERROR,
          GraphQLErrors.VALIDATION_FAILED);

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (GraphiqlPageServlet.isPageRequest((HttpServletRequest) request)) {
      chain.doFilter(request, response); // the page's files go out as they are, not held back
      return;
    }
    HttpServletResponse res = (HttpServletResponse) response;
    HeldResponse held = new HeldResponse(res);
    try {
      chain.doFilter(request, held);
    } catch (ServletException | RuntimeException | LinkageError e) {
      if (res.isCommitted() || !isValidationDefect(e)) {
        throw e;
      }
      LOG.fine(() -> "GraphQL validation error answered by the filter: " + e);
      res.reset();
      send(res, INVALID_QUERY.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (res.isCommitted()) { // sendError or a flush went straight through: nothing held
      return;
    }
    byte[] body = held.body();
    String type = held.getContentType();
    if (type != null && type.startsWith("application/json") && contains(body, "\"errors\"")) {
      body = classified(body);
    }
    send(res, body);
  }

  private static void send(HttpServletResponse res, byte[] body) throws IOException {
    if (res.getContentType() == null) {
      res.setContentType("application/json;charset=UTF-8");
    }
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  /** The body with its errors classified; unchanged if it is not a JSON object after all. */
  private static byte[] classified(byte[] body) {
    JsonObject response;
    try (JsonReader reader =
        Json.createReader(
            new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
      response = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return body;
    }
    JsonObject classified = GraphQLErrors.classify(response);
    return classified == response ? body : classified.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean contains(byte[] body, String ascii) {
    return new String(body, StandardCharsets.ISO_8859_1).contains(ascii);
  }

  private static boolean isValidationDefect(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSuchMethodError
          && String.valueOf(t.getMessage()).contains("graphql.validation")) {
        return true;
      }
      // SmallRye 1.0.26 parses a literal 2.5 given for an Int argument itself, and fails with
      // "Rounding necessary" where graphql-java would report a validation error.
      if (t instanceof ArithmeticException && isFromSmallRyeScalarCoercion(t)) {
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

  private static boolean isFromSmallRyeScalarCoercion(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("io.smallrye.graphql.scalar.")) {
        return true;
      }
    }
    return false;
  }

  /** Collects what the servlet writes instead of sending it; the filter sends it afterwards. */
  private static final class HeldResponse extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private ServletOutputStream stream;
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response) {
      super(response);
    }

    byte[] body() {
      if (writer != null) {
        writer.flush();
      }
      return buffer.toByteArray();
    }

    @Override
    public ServletOutputStream getOutputStream() {
      if (stream == null) {
        stream =
            new ServletOutputStream() {
              @Override
              public void write(int b) {
                buffer.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setWriteListener(WriteListener listener) {
                throw new IllegalStateException("GraphQL responses are written synchronously");
              }
            };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        writer = new PrintWriter(new OutputStreamWriter(buffer, charset));
      }
      return writer;
    }

    // The length is the filter's to set, once the body is final; nothing is flushed early.
    @Override
    public void setContentLength(int length) {}

    @Override
    public void setContentLengthLong(long length) {}

    @Override
    public void flushBuffer() {}

    @Override
    public void resetBuffer() {
      buffer.reset();
      super.resetBuffer();
    }

    @Override
    public void reset() {
      buffer.reset();
      super.reset();
    }
  }
}
