package org.storemanager.common.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
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

  /** "place.request.items[0].quantity" becomes "items[0].quantity: must be greater than 0". */
  private static String describe(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY) {
        field.append(field.length() > 0 ? "." : "").append(JsonNaming.toSnakeCase(node.getName()));
      }
      if (node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      }
    }
    return (field.length() == 0 ? "request body" : field) + ": " + violation.getMessage();
  }
}
