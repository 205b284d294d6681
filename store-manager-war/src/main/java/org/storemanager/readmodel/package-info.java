/**
 * Keeps the Redis read models consistent with MySQL (see docs/architecture.md, "Read models"):
 * updates happen after commit; any failed update marks the read models dirty; a timer and the
 * readers rebuild them from MySQL when dirty or missing (Redis flushed or restarted empty). The
 * read models implement {@code RebuildableReadModel}: they depend on this package, it names none of
 * them.
 */
package org.storemanager.readmodel;
