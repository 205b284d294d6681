package org.storemanager.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The reference's probe, {@code GET /health-check} (and {@code GET /}) {@code -> {"service": ...,
 * "status":"ok"}}: answers as soon as the REST layer is up. The real dependency checks are
 * MicroProfile Health's /health/ready and /health/live.
 */
@Path("/")
@ApplicationScoped
@Tag(name = "health")
public class HealthCheckResource {

  /** The service's answer, e.g. {@code {"service":"payment","status":"ok"}}. */
  public record ServiceStatus(
      @Schema(required = true, example = "payment") String service,
      @Schema(required = true, enumeration = "ok") String status) {}

  @Inject
  @ConfigProperty(name = "service.name")
  String serviceName;

  @GET
  @Path("health-check")
  @Operation(operationId = "healthCheck", summary = "Whether the service runs (no token needed)")
  @Produces(MediaType.APPLICATION_JSON)
  public ServiceStatus healthCheck() {
    return new ServiceStatus(serviceName, "ok");
  }

  /** The service's root answers the same: which service this is, and that it runs. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "serviceRoot", summary = "Which service this is (no token needed)")
  public ServiceStatus root() {
    return healthCheck();
  }
}
