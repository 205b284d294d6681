/**
 * Application plumbing: the JAX-RS application, the shared Redis connection and its health check.
 */
package org.storemanager.platform;
