package org.storemanager.common.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body the JSON binding could not read (malformed JSON, wrong types, oversized) is the client's
 * fault.
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return RequestBodyErrors.toResponse(e);
  }

  /** JSON-B failures that escape the JAX-RS provider unwrapped. */
  @Provider
  public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return RequestBodyErrors.toResponse(e);
    }
  }
}
