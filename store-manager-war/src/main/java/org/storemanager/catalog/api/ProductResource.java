package org.storemanager.catalog.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.catalog.command.ProductService;
import org.storemanager.catalog.model.Product;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.validation.PlainText;

/** {@code /products}: create, read and delete products. */
@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "products")
public class ProductResource {

  public record CreateProductRequest(
      @Schema(
              description = "Surrounding spaces are removed",
              pattern = PlainText.NOT_BLANK_SCHEMA_PATTERN,
              example = "Widget")
          @NotBlank
          @Size(max = 100)
          @PlainText
          String name,
      @Schema(
              description = "Unique stock-keeping unit",
              pattern = "^[A-Za-z0-9._-]+$",
              example = "WID-001")
          @NotBlank
          @Size(max = 64)
          @Pattern(
              regexp = "[A-Za-z0-9._-]+",
              message = "may contain only letters, digits and . _ -")
          String sku,
      @Schema(
              description = "Unit price: at most 8 digits and 2 decimals",
              oneOf = {BigDecimal.class, String.class},
              maximum = "99999999.99",
              multipleOf = 0.01,
              // For the string form: at least 0.01, at most 8 digits and 2 decimals.
              pattern = "^(?:[1-9][0-9]{0,7}(?:[.][0-9]{1,2})?|0[.](?:[1-9][0-9]?|0[1-9]))$",
              example = "19.99")
          @NotNull
          @DecimalMin(value = "0.01", message = "must be at least 0.01")
          @Digits(integer = 8, fraction = 2, message = "must have at most 8 digits and 2 decimals")
          BigDecimal price) {}

  public record ProductCreated(@Schema(required = true, minimum = "1") long productId) {}

  public record ProductView(
      @Schema(required = true, minimum = "1") long id,
      @Schema(required = true) String name,
      @Schema(required = true) String sku,
      @Schema(required = true) BigDecimal price) {
    static ProductView of(Product product) {
      return new ProductView(
          product.getId(), product.getName(), product.getSku(), product.getPrice());
    }
  }

  @Inject ProductService products;

  @POST
  @RolesAllowed(MANAGER)
  @SecurityRequirement(name = "bearer", scopes = MANAGER)
  @Operation(operationId = "createProduct", summary = "Create a product")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location is the product's URL",
      headers =
          @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
      content = @Content(schema = @Schema(implementation = ProductCreated.class)))
  @APIResponse(responseCode = "409", description = "A product with this SKU already exists")
  public Response create(@Valid @NotNull CreateProductRequest request, @Context UriInfo uri) {
    long id = products.create(request.name().strip(), request.sku(), request.price());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .entity(new ProductCreated(id))
        .build();
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Path("{id: \\d+}")
  @Operation(operationId = "getProduct", summary = "Read a product")
  public ProductView get(@PathParam("id") long id) {
    return products
        .find(id)
        .map(ProductView::of)
        .orElseThrow(() -> new ResourceNotFoundException("Product " + id + " does not exist"));
  }

  @DELETE
  @RolesAllowed(MANAGER)
  @SecurityRequirement(name = "bearer", scopes = MANAGER)
  @Path("{id: \\d+}")
  @Operation(operationId = "deleteProduct", summary = "Delete a product")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "409", description = "The product appears in orders")
  public Response delete(@PathParam("id") long id) {
    products.delete(id);
    return Response.noContent().build();
  }
}
