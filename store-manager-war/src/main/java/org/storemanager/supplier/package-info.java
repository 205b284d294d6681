/**
 * The suppliers' GraphQL API (MicroProfile GraphQL, served at /graphql): product and stock queries
 * from the Redis read model, and the restock mutation through the same command path as REST.
 */
package org.storemanager.supplier;
