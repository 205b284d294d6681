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
import org.storemanager.reports.SalesReports.BestSeller;
import org.storemanager.reports.SalesReports.Spender;

/** {@code /orders/reports}: the sales reports, served from Redis. */
@Path("/orders/reports")
@RolesAllowed(MANAGER)
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  @Inject SalesReports reports;

  /** Top users by total spent (10 by default). */
  @GET
  @Path("highest-spenders")
  public List<Spender> highestSpenders(
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
    return reports.highestSpenders(limit);
  }

  /** Products by units sold, best first (10 by default). */
  @GET
  @Path("best-sellers")
  public List<BestSeller> bestSellers(
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
    return reports.bestSellers(limit);
  }
}
