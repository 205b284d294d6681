package org.storemanager.common.error;

/** The addressed resource (or one the request refers to by id in its path) does not exist. */
public class ResourceNotFoundException extends ApplicationException {

  public ResourceNotFoundException(String message) {
    super(404, message);
  }
}
