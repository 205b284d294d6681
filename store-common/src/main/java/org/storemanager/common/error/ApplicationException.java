package org.storemanager.common.error;

/**
 * A failure the caller caused and can fix: carries the HTTP status it maps to. Application services
 * throw the subclasses; the REST layer never builds error responses by hand.
 */
public abstract class ApplicationException extends RuntimeException {

  private final int status;

  protected ApplicationException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
