package org.storemanager.common.web;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.storemanager.common.security.AuthenticationErrorServlet;

/**
 * Errors raised by the JAX-RS runtime itself (unknown path, wrong method, wrong content type,
 * unparseable body) keep their status but get the JSON error body and a message a user can act on.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e instanceof NotFoundException && e.getCause() != null) {
      // JAX-RS answers 404 when a path or query parameter cannot be converted ("?limit=abc"):
      // the resource exists, the parameter is wrong.
      return ErrorResponse.of(
          400, "Invalid parameter: " + RequestBodyErrors.describeBriefly(e.getCause()));
    }
    if (status >= 500) {
      return UnexpectedExceptionMapper.internalError(e);
    }
    Response response = ErrorResponse.of(status, messageFor(e));
    if (e instanceof NotAllowedException) {
      // Keep the Allow header: it tells the client which methods exist.
      return Response.fromResponse(response).allow(e.getResponse().getAllowedMethods()).build();
    }
    return response;
  }

  private static String messageFor(WebApplicationException e) {
    if (e instanceof NotFoundException) {
      return "No resource at this path";
    }
    if (e instanceof NotAllowedException) {
      return "Method not allowed on this resource";
    }
    if (e instanceof ForbiddenException) {
      // @RolesAllowed refused the caller: say so in the words of the container's own 401/403.
      return AuthenticationErrorServlet.messageFor(e.getResponse().getStatus());
    }
    if (e instanceof NotSupportedException) {
      return "Unsupported content type: send application/json";
    }
    Throwable cause = RequestBodyErrors.rootCause(e);
    if (e.getResponse().getStatus() == 400 && cause != e) {
      return RequestBodyErrors.describe(cause);
    }
    String message = e.getMessage();
    return message == null || message.startsWith("HTTP ") ? defaultMessage(e) : message;
  }

  private static String defaultMessage(WebApplicationException e) {
    return e.getResponse().getStatusInfo().getReasonPhrase();
  }
}
