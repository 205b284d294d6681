package org.storemanager.common.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;

/**
 * One log line per request whose bearer token was refused, without the token. Liberty's own message
 * for it (CWWKS5523E) quotes the token and is hidden in service-common.xml (docs/adr/0008): a token
 * is a credential, valid until it expires, and a log is read by more people than the tokens are
 * meant for. The line says where the token was sent and how long it was, enough to match it with a
 * client's report, nothing that could be replayed.
 */
final class RefusedTokenLog {

  private static final Logger LOG = Logger.getLogger(RefusedTokenLog.class.getName());
  private static final String LOGGED = RefusedTokenLog.class.getName() + ".logged";
  private static final String BEARER = "bearer ";

  private RefusedTokenLog() {}

  /** Logs the refusal once per request, if the request carried a bearer token; else nothing. */
  static void noteRefused(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || request.getAttribute(LOGGED) != null) {
      return;
    }
    request.setAttribute(LOGGED, Boolean.TRUE);
    // On the error page's dispatch, the path asked is an attribute; getRequestURI is the page's.
    Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = asked instanceof String given ? given : request.getRequestURI();
    LOG.info(
        () ->
            "401: refused the bearer token of "
                + request.getMethod()
                + " "
                + path
                + " ("
                + (authorization.length() - BEARER.length())
                + " characters; its value is not logged)");
  }
}
