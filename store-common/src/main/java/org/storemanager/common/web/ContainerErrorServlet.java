package org.storemanager.common.web;

import jakarta.json.Json;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The default error page (web-fragment.xml) of both services: an error the servlet container
 * answers itself, after the request reached the application (an exception out of a servlet, such as
 * the GraphQL one, or a {@code sendError} of a filter), gets the error contract's body instead of
 * Liberty's HTML page. The status stays. JAX-RS answers never come here: their exception mappers
 * write the body (ApplicationExceptionMapper and the others of this package).
 */
@WebServlet(ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

  static final String PATH = "/errors/container";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = HttpServletResponse.SC_NOT_FOUND;
    if (request.getDispatcherType() == DispatcherType.ERROR
        && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
      status = code;
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(Json.createObjectBuilder().add("error", messageFor(status)).build().toString());
  }

  /** The message of a container error with this status. */
  static String messageFor(int status) {
    return switch (status) {
      case 400 -> "Bad request: the request is malformed";
      case 404 -> "No resource at this path";
      case 405 -> "Method not allowed on this resource";
      case 413 -> "Request body exceeds the limit of 1 MiB";
      case 415 -> "Unsupported content type: send application/json";
      case 500 -> "Internal error: the request could not be completed";
      case 503 -> "Service unavailable: retry shortly";
      default -> status >= 500 ? "Server error " + status : "Request refused (HTTP " + status + ")";
    };
  }
}
