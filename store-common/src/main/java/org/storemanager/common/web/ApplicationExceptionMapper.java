package org.storemanager.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.storemanager.common.error.AccessDeniedException;
import org.storemanager.common.error.ApplicationException;

/** Turns the application services' exceptions into their status and a JSON error. */
@Provider
public class ApplicationExceptionMapper implements ExceptionMapper<ApplicationException> {

  @Override
  public Response toResponse(ApplicationException e) {
    Response response = ErrorResponse.of(e.status(), e.getMessage());
    if (e instanceof AccessDeniedException denied && denied.challenge() != null) {
      return Response.fromResponse(response).header("WWW-Authenticate", denied.challenge()).build();
    }
    return response;
  }
}
