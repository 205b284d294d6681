package org.storemanager.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.storemanager.common.security.Roles;

/**
 * REST resources answer at the root: /users, /products, /stocks, /orders, /health-check. Callers
 * authenticate with a bearer JSON Web Token (MicroProfile JWT); each resource names its roles.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description =
        "A JSON Web Token whose groups claim carries the caller's roles (clerk, manager, supplier)")
@DeclareRoles({Roles.CLERK, Roles.MANAGER, Roles.SUPPLIER})
public class StoreManagerApplication extends Application {}
