/**
 * The suppliers' GraphQL API (MicroProfile GraphQL, served at /graphql and, for the course's
 * clients, at /stocks/graphql-query): product and stock queries from the Redis read model, and the
 * restock mutation through the same command path as REST. The filters bound what one request may
 * cost (docs/adr/0010) and give errors a client classification and code (docs/adr/0003). {@link
 * GraphiqlPageServlet} serves the suppliers' GraphiQL page at /graphql/ui/.
 */
package org.storemanager.supplier;
