package org.storemanager.common.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * Bean Validation failures on request bodies and parameters become 400 with every violated rule,
 * e.g. {@code "email: must be a well-formed email address; name: must not be blank"}.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    String message =
        e.getConstraintViolations().stream()
            .map(ConstraintViolationMapper::describe)
            .sorted()
            .collect(Collectors.joining("; "));
    return ErrorResponse.of(400, message.isEmpty() ? "Invalid request" : message);
  }

  private static String describe(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    // "create.request.email" -> "email"; a violation on the whole body has no field part.
    String field = path.substring(path.lastIndexOf('.') + 1);
    if (field.isEmpty() || field.startsWith("arg") || field.equals("request")) {
      return "request body: " + violation.getMessage();
    }
    return JsonNaming.toSnakeCase(field) + ": " + violation.getMessage();
  }
}
