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
import org.storemanager.catalog.command.ProductService;
import org.storemanager.catalog.model.Product;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.validation.PlainText;

/** {@code /products}: create, read and delete products. */
@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

  public record CreateProductRequest(
      @NotBlank @Size(max = 100) @PlainText String name,
      @NotBlank
          @Size(max = 64)
          @Pattern(
              regexp = "[A-Za-z0-9._-]+",
              message = "may contain only letters, digits and . _ -")
          String sku,
      @NotNull
          @DecimalMin(value = "0.01", message = "must be at least 0.01")
          @Digits(integer = 8, fraction = 2, message = "must have at most 8 digits and 2 decimals")
          BigDecimal price) {}

  public record ProductCreated(long productId) {}

  public record ProductView(long id, String name, String sku, BigDecimal price) {
    static ProductView of(Product product) {
      return new ProductView(
          product.getId(), product.getName(), product.getSku(), product.getPrice());
    }
  }

  @Inject ProductService products;

  @POST
  @RolesAllowed(MANAGER)
  public Response create(@Valid @NotNull CreateProductRequest request, @Context UriInfo uri) {
    long id = products.create(request.name().strip(), request.sku(), request.price());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .entity(new ProductCreated(id))
        .build();
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @Path("{id: \\d+}")
  public ProductView get(@PathParam("id") long id) {
    return products
        .find(id)
        .map(ProductView::of)
        .orElseThrow(() -> new ResourceNotFoundException("Product " + id + " does not exist"));
  }

  @DELETE
  @RolesAllowed(MANAGER)
  @Path("{id: \\d+}")
  public Response delete(@PathParam("id") long id) {
    products.delete(id);
    return Response.noContent().build();
  }
}
