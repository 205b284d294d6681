/** Versioned schema migrations (Flyway), run at start-up by each service on its own database. */
package org.storemanager.common.persistence;
