package org.storemanager.supplier;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.Map;
import org.storemanager.platform.PageFilesServlet;

/**
 * Serves the suppliers' GraphiQL page, {@code /graphql/ui/}: the three files Vite builds from
 * {@code src/main/supplier-graphiql/} into the classes folder ({@code supplier-graphiql/}). The
 * gateway routes exactly these three paths under {@code /store-api/graphql/ui/} ({@code
 * krakend.json}), so the names are fixed, without content hashes.
 *
 * <p>The mapping is more specific than the GraphQL servlet's ({@code /graphql/*}, registered by
 * Liberty's mpGraphQL feature), so it takes these paths and only these: {@code /graphql} and {@code
 * /graphql/schema.graphql} stay the feature's. web.xml leaves them public, as {@code /app/} is
 * (nothing secret is in the files); every GraphQL call the page makes carries the supplier's token.
 * The filters in front of the GraphQL servlet let these requests through untouched ({@link
 * #isPageRequest}).
 */
@WebServlet(urlPatterns = GraphiqlPageServlet.PATH + "/*")
public class GraphiqlPageServlet extends PageFilesServlet {

  private static final long serialVersionUID = 1L;

  /**
   * The page's servlet path: its files are {@code /graphql/ui/}, {@code /graphql/ui/graphiql.js}...
   */
  static final String PATH = "/graphql/ui";

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html;charset=UTF-8",
          "graphiql.js", "text/javascript;charset=UTF-8",
          "graphiql.css", "text/css;charset=UTF-8");

  /** True for a request this servlet answers (a file of the page), not the GraphQL servlet. */
  static boolean isPageRequest(HttpServletRequest request) {
    return PATH.equals(request.getServletPath());
  }

  @Override
  protected Map<String, String> files() {
    return FILES;
  }

  @Override
  protected InputStream open(String name) {
    return GraphiqlPageServlet.class
        .getClassLoader()
        .getResourceAsStream("supplier-graphiql/" + name);
  }

  @Override
  protected String notFound(String path, boolean known) {
    return known
        ? "The GraphiQL page is not built into this WAR (mvn package builds it)"
        : "No file " + path + " in the GraphiQL page";
  }
}
