package org.storemanager.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reference's liveness probe, {@code GET /health-check -> {"status":"ok"}}: answers as soon as
 * the REST layer is up. The real dependency checks are MicroProfile Health's /health/ready.
 */
@Path("/health-check")
@ApplicationScoped
public class HealthCheckResource {

  /** The service's answer, e.g. {@code {"service":"payment","status":"ok"}}. */
  public record ServiceStatus(String service, String status) {}

  @Inject
  @ConfigProperty(name = "service.name")
  String serviceName;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ServiceStatus status() {
    return new ServiceStatus(serviceName, "ok");
  }
}
