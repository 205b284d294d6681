package org.storemanager.supplier;

import org.eclipse.microprofile.graphql.GraphQLException;

/**
 * An argument the schema accepts but the business does not (an id that is no positive number, a
 * quantity of zero, a restock above the maximum). Answered as a client error with {@code
 * extensions.code} {@value #CODE} ({@link GraphQLErrors}).
 */
public class InvalidSupplierInputException extends GraphQLException {

  private static final long serialVersionUID = 1L;

  /** The stable code clients can test instead of the message (Apollo's name for it). */
  public static final String CODE = "BAD_USER_INPUT";

  public InvalidSupplierInputException(String message) {
    super(message);
  }
}
