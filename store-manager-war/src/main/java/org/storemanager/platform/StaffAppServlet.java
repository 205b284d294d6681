package org.storemanager.platform;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the staff web app, {@code /app/}: the three files Vite builds from {@code
 * src/main/staff-app/} into the classes folder ({@code staff-app/}, docs/adr/0015). The gateway
 * routes exactly these three paths ({@code krakend.json}), so the names are fixed, without content
 * hashes; {@code Cache-Control: no-cache} makes browsers revalidate them after a new build.
 *
 * <p>The page needs no token to load (nothing secret is in it); every call it makes does. Its
 * Content-Security-Policy lets it load nothing but these files and talk to nothing but its own
 * origin: through the gateway, {@code /store-api/...} and {@code /payments-api/...}.
 */
@WebServlet(urlPatterns = "/app/*")
public class StaffAppServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html;charset=UTF-8",
          "app.js", "text/javascript;charset=UTF-8",
          "app.css", "text/css;charset=UTF-8");

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) { // "/app": the page's relative links need the trailing slash
      response.sendRedirect(request.getRequestURI() + "/");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    String type = FILES.get(name);
    InputStream file =
        type == null
            ? null
            : StaffAppServlet.class.getClassLoader().getResourceAsStream("staff-app/" + name);
    if (file == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      String error =
          type == null
              ? "No file " + path + " in the staff app"
              : "The staff app is not built into this WAR (mvn package builds it)";
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
