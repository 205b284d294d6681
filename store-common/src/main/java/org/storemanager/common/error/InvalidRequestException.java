package org.storemanager.common.error;

/** The request itself is malformed or fails validation. */
public class InvalidRequestException extends ApplicationException {

  public InvalidRequestException(String message) {
    super(400, message);
  }
}
