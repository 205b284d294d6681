/**
 * Application plumbing: the JAX-RS application, the shared Redis connection and its health check,
 * and the servlet that serves the staff web app's built files at {@code /app/}.
 */
package org.storemanager.platform;
