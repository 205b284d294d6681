package org.storemanager.supplier;

import org.eclipse.microprofile.graphql.GraphQLException;

/**
 * The product a supplier named does not exist. Answered as a client error with {@code
 * extensions.code} {@value #CODE} ({@link GraphQLErrors}); a checked {@link GraphQLException}, so
 * MicroProfile GraphQL shows its message.
 */
public class ProductNotFoundException extends GraphQLException {

  private static final long serialVersionUID = 1L;

  /** The stable code clients can test instead of the message. */
  public static final String CODE = "NOT_FOUND";

  public ProductNotFoundException(String message) {
    super(message);
  }
}
