package org.storemanager.common.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error body every endpoint returns: {@code {"error": "<clear message>"}}. */
public record ErrorResponse(String error) {

  /** Builds a JSON error response with the given status. */
  public static Response of(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(message))
        .build();
  }
}
