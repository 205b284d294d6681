package org.storemanager.reports;

import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.reports.SalesReports.BestSeller;
import org.storemanager.reports.SalesReports.Spender;

/** {@code /orders/reports}: the sales reports, served from Redis. */
@Path("/orders/reports")
@RolesAllowed(MANAGER)
@SecurityRequirement(name = "bearer", scopes = MANAGER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
@APIResponse(
    responseCode = "503",
    description = "The read model store (Redis) is unreachable: retry later")
public class ReportResource {

  @Inject SalesReports reports;

  /** Top users by total spent (10 by default). */
  @GET
  @Path("highest-spenders")
  @Operation(
      operationId = "highestSpenders",
      summary = "Users by total spent, highest first",
      description = "Counts the orders whose saga completed.")
  @APIResponse(
      responseCode = "200",
      description = "At most limit users",
      content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Spender.class)))
  public List<Spender> highestSpenders(
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
    return reports.highestSpenders(limit);
  }

  /** Products by units sold, best first (10 by default). */
  @GET
  @Path("best-sellers")
  @Operation(
      operationId = "bestSellers",
      summary = "Products by units sold, best first",
      description = "Counts the orders whose saga completed.")
  @APIResponse(
      responseCode = "200",
      description = "At most limit products",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BestSeller.class)))
  public List<BestSeller> bestSellers(
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
    return reports.bestSellers(limit);
  }
}
