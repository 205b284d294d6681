package org.storemanager.platform;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.common.error.ResourceNotFoundException;

/**
 * {@code GET /test/slow/{seconds}}: answers after a delay, so that the gateway's 5 s backend
 * timeout can be shown and tested. Off unless {@code test.slow.enabled} (env TEST_SLOW_ENABLED) is
 * true: the local stack turns it on, containers and the default configuration leave it off (404).
 */
@Path("/test/slow")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({CLERK, MANAGER})
@SecurityRequirement(
    name = "bearer",
    scopes = {CLERK, MANAGER})
@Tag(name = "testing")
public class SlowResponseResource {

  public record SlowAnswer(@Schema(required = true) int sleptSeconds) {}

  @Inject
  @ConfigProperty(name = "test.slow.enabled", defaultValue = "false")
  boolean enabled;

  @GET
  @Path("{seconds: \\d+}")
  // Not in the OpenAPI document: a test aid, off by default, and not part of the API. A client or
  // a fuzzer working from the document would only wait on it (README, "GET /test/slow").
  @Operation(
      hidden = true,
      operationId = "slowResponse",
      summary = "Answer after a delay (gateway timeout test)",
      description = "404 unless the server runs with test.slow.enabled=true.")
  public SlowAnswer slow(@PathParam("seconds") @Min(0) @Max(30) int seconds)
      throws InterruptedException {
    if (!enabled) {
      throw new ResourceNotFoundException("The slow test endpoint is off (test.slow.enabled)");
    }
    Thread.sleep(seconds * 1000L); // the delay is the point of this endpoint
    return new SlowAnswer(seconds);
  }
}
