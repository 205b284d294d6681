package org.storemanager.common.error;

/**
 * The caller is known (or holds a key) but may not do this: 403. With {@code challenge}, the caller
 * showed no credentials at all: 401, with that {@code WWW-Authenticate} challenge.
 */
public class AccessDeniedException extends ApplicationException {

  private final String challenge;

  private AccessDeniedException(int status, String message, String challenge) {
    super(status, message);
    this.challenge = challenge;
  }

  /** 403: the credentials shown do not allow this. */
  public static AccessDeniedException forbidden(String message) {
    return new AccessDeniedException(403, message, null);
  }

  /** 401: no credentials; {@code challenge} tells the client how to authenticate. */
  public static AccessDeniedException unauthenticated(String message, String challenge) {
    return new AccessDeniedException(401, message, challenge);
  }

  /** The {@code WWW-Authenticate} value of a 401, or null. */
  public String challenge() {
    return challenge;
  }
}
