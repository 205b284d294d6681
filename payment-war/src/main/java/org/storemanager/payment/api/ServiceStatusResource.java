package org.storemanager.payment.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.storemanager.common.web.HealthCheckResource.ServiceStatus;

/**
 * {@code GET /} answers {@code {"service":"payment","status":"ok"}}, as the reference payment API
 * does: a quick way to see which service listens on a port.
 */
@Path("/")
@ApplicationScoped
public class ServiceStatusResource {

  @Inject
  @ConfigProperty(name = "service.name")
  String serviceName;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ServiceStatus status() {
    return new ServiceStatus(serviceName, "ok");
  }
}
