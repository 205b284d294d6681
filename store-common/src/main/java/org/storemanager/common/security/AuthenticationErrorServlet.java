package org.storemanager.common.security;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of the container's own 401 and 403 answers (web-fragment.xml), which Liberty's
 * MicroProfile JWT feature sends before any JAX-RS code runs, with an empty body: it writes the
 * JSON error contract instead, and keeps the {@code WWW-Authenticate} challenge.
 */
@WebServlet(AuthenticationErrorServlet.PATH)
public class AuthenticationErrorServlet extends HttpServlet {

  static final String PATH = "/errors/authentication";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      write(response, "No resource at this path");
      return;
    }
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer given ? given : 401;
    if (code == HttpServletResponse.SC_UNAUTHORIZED) {
      RefusedTokenLog.noteRefused(request);
    }
    write(response, messageFor(code));
  }

  /** The message of a 401 or 403 answer, the same whichever layer refused the request. */
  public static String messageFor(int status) {
    return status == HttpServletResponse.SC_FORBIDDEN
        ? "Forbidden: the token's roles do not allow this operation"
        : "Authentication required: send a valid bearer token"
            + " (Authorization: Bearer <JWT>; expired, unsigned or foreign tokens are refused)";
  }

  private static void write(HttpServletResponse response, String message) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.createObjectBuilder().add("error", message).build().toString());
  }
}
