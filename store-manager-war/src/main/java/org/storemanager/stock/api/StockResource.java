package org.storemanager.stock.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.storemanager.stock.query.StockPage;
import org.storemanager.stock.query.StockQueries;
import org.storemanager.stock.query.StockReadModel;

/** {@code /stocks}: set and read stock levels, list them a page at a time; the overview report. */
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

  /**
   * The products with their stock levels, a page at a time (by id), optionally only those whose
   * name or SKU contains {@code search}: the staff app's product list. Unlike the overview report,
   * clerks may read it.
   */
  @GET
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Operation(
      operationId = "listStock",
      summary = "Products with their stock levels, paged and searchable",
      description =
          "search: part of the name or SKU, case-insensitive (empty: every product); page from 1;"
              + " size 1 to 100.")
  public StockPage list(
      @QueryParam("search") @DefaultValue("") @Size(max = 100) String search,
      @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return queries.page(search, page, size);
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
