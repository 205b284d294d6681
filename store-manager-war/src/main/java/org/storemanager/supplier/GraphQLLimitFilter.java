package org.storemanager.supplier;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.storemanager.common.web.RequestSizeLimitFilter;

/**
 * Bounds what one GraphQL request may cost before any resolver runs (suppliers are external): at
 * most {@code graphql.max-fields} selected fields, {@code graphql.max-depth} levels of nesting and
 * {@code graphql.max-items} list items; an introspection query, {@code
 * graphql.introspection.max-fields} and {@code graphql.introspection.max-depth} (docs/adr/0010). A
 * document above either is answered with a GraphQL error (HTTP 200, as SmallRye answers its own
 * validation errors); a body that is no GraphQL request at all gets a 400.
 *
 * <p>The Liberty-bundled SmallRye GraphQL (1.0.x) has no configuration for this and does not let
 * the application add a graphql-java instrumentation, hence a filter in front of its servlet. It
 * reads the body once and hands the same bytes on; it also runs for requests forwarded from the
 * reference's path ({@link GraphQLQueryPathFilter}).
 */
@WebFilter(
    urlPatterns = "/graphql/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD},
    asyncSupported = true)
public class GraphQLLimitFilter implements Filter {

  static final String MAX_FIELDS_KEY = "graphql.max-fields";
  static final String MAX_DEPTH_KEY = "graphql.max-depth";
  static final String MAX_ITEMS_KEY = "graphql.max-items";
  static final String INTROSPECTION_FIELDS_KEY = "graphql.introspection.max-fields";
  static final String INTROSPECTION_DEPTH_KEY = "graphql.introspection.max-depth";

  private QueryLimits limits;

  @Override
  public void init(FilterConfig config) {
    Config mp = ConfigProvider.getConfig();
    limits =
        new QueryLimits(
            mp.getOptionalValue(MAX_FIELDS_KEY, Integer.class).orElse(QueryLimits.FIELDS),
            mp.getOptionalValue(MAX_DEPTH_KEY, Integer.class).orElse(QueryLimits.DEPTH),
            mp.getOptionalValue(MAX_ITEMS_KEY, Integer.class).orElse(QueryLimits.ITEMS),
            mp.getOptionalValue(INTROSPECTION_FIELDS_KEY, Integer.class)
                .orElse(QueryLimits.INTROSPECTION_FIELDS),
            mp.getOptionalValue(INTROSPECTION_DEPTH_KEY, Integer.class)
                .orElse(QueryLimits.INTROSPECTION_DEPTH));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    if (GraphiqlPageServlet.isPageRequest(req)) { // the page's files, not a GraphQL request
      chain.doFilter(request, response);
      return;
    }
    if ("GET".equals(req.getMethod()) && req.getParameter("query") != null) {
      // SmallRye refuses GET unless smallrye.graphql.allowGet is set; if it ever is, still bound
      // it.
      if (refused(limits.check(req.getParameter("query")), res)) {
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (!"POST".equals(req.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body;
    try {
      body = readAtMost(req.getInputStream(), RequestSizeLimitFilter.MAX_BODY_BYTES);
    } catch (RequestSizeLimitFilter.PayloadTooLargeException e) {
      body = null;
    }
    if (body == null) {
      res.setStatus(413);
      write(res, "{\"error\":\"Request body exceeds the limit of 1 MiB\"}");
      return;
    }
    Charset charset = charsetOf(req);
    GraphQLRequest graphql;
    try {
      graphql = requestOf(new String(body, charset));
    } catch (IllegalArgumentException e) {
      res.setStatus(400);
      write(
          res,
          GraphQLErrors.requestError(
              e.getMessage(), GraphQLErrors.CLIENT_ERROR, GraphQLErrors.BAD_REQUEST));
      return;
    }
    if (refused(limits.check(graphql.query(), graphql.variables()), res)) {
      return;
    }
    chain.doFilter(new ReadAgain(req, body, charset), response);
  }

  /** Writes the refusal, if there is one; true if the request ends here. */
  private static boolean refused(QueryLimits.Refusal refusal, HttpServletResponse res)
      throws IOException {
    if (refusal == null) {
      return false;
    }
    write(
        res,
        GraphQLErrors.requestError(refusal.message(), refusal.classification(), refusal.code()));
    return true;
  }

  /** What the limits look at in a GraphQL-over-HTTP body. */
  record GraphQLRequest(String query, JsonObject variables) {}

  /**
   * The {@code query} and {@code variables} of a GraphQL-over-HTTP body, or an exception whose
   * message says what is wrong with the body (never quoting it).
   */
  static GraphQLRequest requestOf(String body) {
    JsonValue value;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      value = null;
    }
    if (!(value instanceof JsonObject request)) {
      throw new IllegalArgumentException(
          "The request body must be a JSON object {\"query\": \"...\", \"variables\": {...}}");
    }
    if (!(request.get("query") instanceof JsonString query)) {
      throw new IllegalArgumentException("The request body needs a \"query\" string");
    }
    JsonObject variables =
        request.get("variables") instanceof JsonObject given ? given : JsonValue.EMPTY_JSON_OBJECT;
    return new GraphQLRequest(query.getString(), variables);
  }

  /** The bytes of the stream, or null if there are more than {@code max}. */
  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
      if (out.size() > max) {
        return null;
      }
    }
    return out.toByteArray();
  }

  /** JSON is UTF-8 (RFC 8259) unless the client says otherwise. */
  private static Charset charsetOf(HttpServletRequest req) {
    String declared = req.getCharacterEncoding();
    try {
      return declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static void write(HttpServletResponse res, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    res.setContentType("application/json;charset=UTF-8");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }

  /** The request with its body read already: the GraphQL servlet reads the same bytes again. */
  private static final class ReadAgain extends HttpServletRequestWrapper {
    private final byte[] body;
    private final Charset charset;

    ReadAgain(HttpServletRequest request, byte[] body, Charset charset) {
      super(request);
      this.body = body;
      this.charset = charset;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      // The charset the limits were checked with, so the servlet executes the very same text.
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }
  }
}
