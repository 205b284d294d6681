package org.storemanager.common.error;

/**
 * The request conflicts with existing data: a duplicate unique value, or a row still referenced by
 * others.
 */
public class ConflictException extends ApplicationException {

  public ConflictException(String message) {
    super(409, message);
  }
}
