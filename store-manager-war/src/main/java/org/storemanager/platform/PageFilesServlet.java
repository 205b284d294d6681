package org.storemanager.platform;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves a browser page's few fixed files (the operations console, the staff app), and nothing
 * else: {@code /} is {@code index.html}, a missing trailing slash is redirected, an unknown name is
 * a JSON 404. Each file goes with {@code Cache-Control: no-cache} (the names carry no content hash)
 * and a Content-Security-Policy that lets the page load nothing but its own files and talk to
 * nothing but its own origin.
 */
public abstract class PageFilesServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** The page's files by name, with their content type. */
  protected abstract Map<String, String> files();

  /** One of {@link #files()}, or null if it is not there. */
  protected abstract InputStream open(String name);

  /** The error of a 404: {@code known} when the name is one of the page's, but not there. */
  protected abstract String notFound(String path, boolean known);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) { // the page's relative links need the trailing slash
      response.sendRedirect(request.getRequestURI() + "/");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    String type = files().get(name);
    InputStream file = type == null ? null : open(name);
    if (file == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      String error = notFound(path, type != null);
      response.getWriter().write(Json.createObjectBuilder().add("error", error).build().toString());
      return;
    }
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    try (file) {
      file.transferTo(response.getOutputStream());
    }
  }
}
