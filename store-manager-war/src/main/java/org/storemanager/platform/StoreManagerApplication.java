package org.storemanager.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.storemanager.common.security.Roles;

/**
 * REST resources answer at the root: /users, /products, /stocks, /orders, /health-check. Callers
 * authenticate with a bearer JSON Web Token (MicroProfile JWT); each resource names its roles.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.CLERK, Roles.MANAGER, Roles.SUPPLIER})
public class StoreManagerApplication extends Application {}
