package org.storemanager.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line of defence. A body cut off by the size limit is still a 413. A database integrity
 * violation that slipped past the services' checks (two concurrent inserts of the same email, say)
 * is still the client's conflict: 409. Anything else is our bug: 500 with a reference to the log
 * line, never a stack trace in the response.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestSizeLimitFilter.PayloadTooLargeException) {
        // A chunked body that outgrew the limit while a resource read it as plain text.
        return ErrorResponse.of(413, t.getMessage());
      }
      if (t instanceof jakarta.persistence.OptimisticLockException
          || t.getClass().getSimpleName().startsWith("Stale")) {
        // Hibernate's StaleStateException & co: a concurrent change won; the client may retry.
        return ErrorResponse.of(409, "The resource was modified concurrently: retry the request");
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return ErrorResponse.of(409, "The request conflicts with existing data");
      }
      if (databaseUnreachable(t)) {
        // Nothing was written (the transaction never got a connection, or rolled back with it).
        LOG.warning("Database unreachable, answered 503: " + t);
        return Response.fromResponse(
                ErrorResponse.of(503, "The database is unavailable: retry in a few seconds"))
            .header("Retry-After", "5")
            .build();
      }
    }
    return internalError(e);
  }

  /**
   * A connection failure (SQLState class 08), as JDBC, Hibernate or the connection pool report it.
   */
  private static boolean databaseUnreachable(Throwable t) {
    if (t instanceof java.sql.SQLTransientConnectionException
        || t instanceof java.sql.SQLNonTransientConnectionException
        || t instanceof java.sql.SQLRecoverableException) {
      return true;
    }
    if (t instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().startsWith("08")) {
      return true;
    }
    String name = t.getClass().getSimpleName();
    return name.equals("JDBCConnectionException") || name.equals("ResourceAllocationException");
  }

  static Response internalError(Throwable e) {
    String reference = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
    return ErrorResponse.of(500, "Internal error (reference " + reference + ")");
  }
}
