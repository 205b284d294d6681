/** Exceptions that carry the HTTP status a caller's mistake deserves. */
package org.storemanager.common.error;
