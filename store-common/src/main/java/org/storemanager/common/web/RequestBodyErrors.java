package org.storemanager.common.web;

import jakarta.ws.rs.core.Response;

/**
 * Explains why a request body could not be read, without leaking parser internals or stack traces.
 */
final class RequestBodyErrors {

  private RequestBodyErrors() {}

  static Response toResponse(Throwable e) {
    Throwable root = rootCause(e);
    if (root instanceof RequestSizeLimitFilter.PayloadTooLargeException) {
      return ErrorResponse.of(413, root.getMessage());
    }
    return ErrorResponse.of(400, describe(root));
  }

  static String describe(Throwable root) {
    if (root instanceof RequestSizeLimitFilter.PayloadTooLargeException) {
      return root.getMessage();
    }
    String message = describeBriefly(root);
    return message.isBlank()
        ? "Request body is not valid JSON for this resource"
        : "Request body is not valid JSON for this resource: " + message;
  }

  /** The first line of the cause's message, at most 200 characters. */
  static String describeBriefly(Throwable root) {
    String message = root.getMessage() == null ? "" : root.getMessage();
    // Parser messages can be long and echo the input: keep the first line, bounded.
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return message;
  }

  static Throwable rootCause(Throwable e) {
    Throwable current = e;
    while (current.getCause() != null && current.getCause() != current) {
      if (current instanceof RequestSizeLimitFilter.PayloadTooLargeException) {
        return current;
      }
      current = current.getCause();
    }
    return current;
  }
}
