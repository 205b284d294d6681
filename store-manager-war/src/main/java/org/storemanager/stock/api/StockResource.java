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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.stock.command.StockService;
import org.storemanager.stock.query.StockLine;
import org.storemanager.stock.query.StockQueries;
import org.storemanager.stock.query.StockReadModel;

/** {@code /stocks}: set and read stock levels; the overview report. */
@Path("/stocks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "stocks")
public class StockResource {

  public record SetStockRequest(
      @Schema(format = "int64", description = "An existing product") @NotNull @Positive
          Long productId,
      @Schema(format = "int32", description = "The new level, not a delta")
          @NotNull
          @PositiveOrZero
          @Max(StockService.MAX_QUANTITY)
          Integer quantity) {}

  public record StockLevel(
      @Schema(required = true) long productId, @Schema(required = true) int quantity) {}

  @Inject StockService stock;
  @Inject StockReadModel readModel;
  @Inject StockQueries queries;

  /** Sets the level (not a delta); answers the stored level. */
  @POST
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Operation(operationId = "setStock", summary = "Set a product's stock level")
  @APIResponse(
      responseCode = "200",
      description = "The stored level",
      content = @Content(schema = @Schema(implementation = StockLevel.class)))
  @APIResponse(responseCode = "422", description = "The product does not exist")
  public StockLevel set(@Valid @NotNull SetStockRequest request) {
    stock.setQuantity(request.productId(), request.quantity());
    return get(request.productId());
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Path("{productId: \\d+}")
  @Operation(operationId = "getStock", summary = "Read a product's stock level")
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
  @SecurityRequirement(name = "bearer", scopes = MANAGER)
  @Path("reports/overview-stocks")
  @Operation(operationId = "stockOverview", summary = "Every product with its stock level")
  public List<StockLine> overview() {
    return queries.overview();
  }
}
