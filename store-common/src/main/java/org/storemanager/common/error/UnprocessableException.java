package org.storemanager.common.error;

/** The request is well-formed but refers to things that do not exist or breaks a business rule. */
public class UnprocessableException extends ApplicationException {

  public UnprocessableException(String message) {
    super(422, message);
  }
}
