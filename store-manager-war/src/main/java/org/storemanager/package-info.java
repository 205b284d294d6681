/**
 * The Store Manager service, organised by domain and then by layer (docs/architecture.md): the
 * domains {@code catalog} (users, products), {@code stock} and {@code orders}, each with {@code
 * api} (REST), {@code command} (transactional write side and its events), {@code query} (Redis read
 * models), {@code model} (JPA entities and the snapshots events carry) and, for orders, {@code
 * saga} (one handler per saga event). Around them: {@code reports} (sales reports), {@code
 * supplier} (GraphQL) and {@code operations} use the domains; {@code readmodel} keeps Redis
 * consistent with MySQL and {@code platform} holds the application's plumbing, and the domains use
 * those. The build checks these rules (ArchitectureTest).
 */
package org.storemanager;
