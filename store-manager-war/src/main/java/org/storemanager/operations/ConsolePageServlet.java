package org.storemanager.operations;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the operations page, {@code /console/} (the files under the WAR's {@code console/}). The
 * REST application is mapped to the whole context ({@code @ApplicationPath("/")}), so the
 * container's file serving never sees these paths: this servlet's more specific mapping takes them.
 * The page itself needs no token (nothing secret is in it); its data does ({@code GET
 * /operations/saga}, {@code GET /orders/{id}/events}, manager), and the page asks for one.
 *
 * <p>Only the page's own files are served, with a Content-Security-Policy that lets the page load
 * nothing but them and talk to nothing but this origin; the token in the URL fragment never reaches
 * a server or a referrer.
 */
@WebServlet(urlPatterns = "/console/*")
public class ConsolePageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html;charset=UTF-8",
          "console.js", "text/javascript;charset=UTF-8",
          "console.css", "text/css;charset=UTF-8");

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) { // "/console": the page's relative links need the trailing slash
      response.sendRedirect(request.getRequestURI() + "/");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    String type = FILES.get(name);
    InputStream file =
        type == null ? null : getServletContext().getResourceAsStream("/console/" + name);
    if (file == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("error", "No file " + path + " on the operations page")
                  .build()
                  .toString());
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
