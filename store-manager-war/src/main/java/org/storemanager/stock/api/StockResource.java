package org.storemanager.stock.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.stock.command.StockService;
import org.storemanager.stock.query.StockLine;
import org.storemanager.stock.query.StockQueries;
import org.storemanager.stock.query.StockReadModel;

/** {@code /stocks}: set and read stock levels; the overview report. */
@Path("/stocks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StockResource {

  public record SetStockRequest(
      @NotNull @Positive Long productId,
      @NotNull @PositiveOrZero @Max(StockService.MAX_QUANTITY) Integer quantity) {}

  public record StockLevel(long productId, int quantity) {}

  @Inject StockService stock;
  @Inject StockReadModel readModel;
  @Inject StockQueries queries;

  /** Sets the level (not a delta); answers the stored level. */
  @POST
  @RolesAllowed({CLERK, MANAGER})
  public StockLevel set(@Valid @NotNull SetStockRequest request) {
    stock.setQuantity(request.productId(), request.quantity());
    return get(request.productId());
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @Path("{productId: \\d+}")
  public StockLevel get(@PathParam("productId") long productId) {
    StockLine line =
        readModel
            .find(productId)
            .orElseThrow(
                () -> new ResourceNotFoundException("Product " + productId + " does not exist"));
    return new StockLevel(line.productId(), line.quantity());
  }

  /** Every product with name, SKU, unit price and units in stock: one join query on MySQL. */
  @GET
  @RolesAllowed(MANAGER)
  @Path("reports/overview-stocks")
  public List<StockLine> overview() {
    return queries.overview();
  }
}
