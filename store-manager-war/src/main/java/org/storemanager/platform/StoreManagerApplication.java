package org.storemanager.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST resources answer at the root: /users, /products, /stocks, /orders, /health-check. */
@ApplicationPath("/")
public class StoreManagerApplication extends Application {}
