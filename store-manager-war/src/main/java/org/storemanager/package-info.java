/**
 * The Store Manager service, organised by domain and then by layer (see docs/architecture.md):
 * {@code catalog} (users, products), {@code stock}, {@code orders}, {@code reports}, {@code
 * supplier} (GraphQL), each with {@code api} (REST), {@code command} (transactional write side),
 * {@code query} (Redis read models) and {@code model} (JPA entities); {@code readmodel} keeps Redis
 * consistent with MySQL; {@code operations} is the operations page and its data; {@code platform}
 * holds the application's plumbing.
 */
package org.storemanager;
