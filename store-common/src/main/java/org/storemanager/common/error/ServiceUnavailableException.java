package org.storemanager.common.error;

/** A dependency the request needs is down; the client may retry later. */
public class ServiceUnavailableException extends ApplicationException {

  public ServiceUnavailableException(String message) {
    super(503, message);
  }
}
