package org.storemanager.platform;

import jakarta.servlet.annotation.WebServlet;
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
public class StaffAppServlet extends PageFilesServlet {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html;charset=UTF-8",
          "app.js", "text/javascript;charset=UTF-8",
          "app.css", "text/css;charset=UTF-8");

  @Override
  protected Map<String, String> files() {
    return FILES;
  }

  @Override
  protected InputStream open(String name) {
    return StaffAppServlet.class.getClassLoader().getResourceAsStream("staff-app/" + name);
  }

  @Override
  protected String notFound(String path, boolean known) {
    return known
        ? "The staff app is not built into this WAR (mvn package builds it)"
        : "No file " + path + " in the staff app";
  }
}
