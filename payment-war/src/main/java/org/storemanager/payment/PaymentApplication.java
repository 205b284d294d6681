package org.storemanager.payment;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST resources answer at the root: /payments, /health-check. */
@ApplicationPath("/")
public class PaymentApplication extends Application {}
