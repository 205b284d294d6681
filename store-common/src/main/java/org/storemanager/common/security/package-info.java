/**
 * Authentication and roles: tokens are checked by Liberty's MicroProfile JWT feature; this package
 * names the roles and turns the container's 401 and 403 answers into the JSON error contract.
 */
package org.storemanager.common.security;
