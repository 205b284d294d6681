package org.storemanager.operations;

import jakarta.servlet.annotation.WebServlet;
import java.io.InputStream;
import java.util.Map;
import org.storemanager.platform.PageFilesServlet;

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
public class ConsolePageServlet extends PageFilesServlet {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html;charset=UTF-8",
          "console.js", "text/javascript;charset=UTF-8",
          "console.css", "text/css;charset=UTF-8");

  @Override
  protected Map<String, String> files() {
    return FILES;
  }

  @Override
  protected InputStream open(String name) {
    return getServletContext().getResourceAsStream("/console/" + name);
  }

  @Override
  protected String notFound(String path, boolean known) {
    return "No file " + path + " on the operations page";
  }
}
