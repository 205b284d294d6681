package org.storemanager.catalog.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.catalog.command.UserService;
import org.storemanager.catalog.model.User;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.validation.PlainText;

/** {@code /users}: create, read and delete users. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

  public record CreateUserRequest(
      @Schema(
              description = "Surrounding spaces are removed",
              pattern = PlainText.NOT_BLANK_SCHEMA_PATTERN,
              example = "Ada Lovelace")
          @NotBlank
          @Size(max = 100)
          @PlainText
          String name,
      @Schema(
              description = "Unique; surrounding spaces are removed",
              type = SchemaType.STRING,
              format = "email",
              pattern = EMAIL,
              example = "ada@example.com")
          @NotBlank
          @Size(max = 150)
          @Email
          @Pattern(regexp = EMAIL, message = "must be an address like name@example.com")
          String email) {}

  /** What an address looks like, the same rule in the schema and on the server. */
  static final String EMAIL =
      "^[A-Za-z0-9_%+-]+(?:[.][A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(?:[.][A-Za-z0-9-]+)+$";

  public record UserCreated(@Schema(required = true, minimum = "1") long userId) {}

  public record UserView(
      @Schema(required = true, minimum = "1") long id,
      @Schema(required = true) String name,
      @Schema(required = true) String email) {
    static UserView of(User user) {
      return new UserView(user.getId(), user.getName(), user.getEmail());
    }
  }

  @Inject UserService users;

  @POST
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Operation(operationId = "createUser", summary = "Create a user")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location is the user's URL",
      headers =
          @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
      content = @Content(schema = @Schema(implementation = UserCreated.class)))
  @APIResponse(responseCode = "409", description = "A user with this email already exists")
  public Response create(@Valid @NotNull CreateUserRequest request, @Context UriInfo uri) {
    long id = users.create(request.name().strip(), request.email().strip());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .entity(new UserCreated(id))
        .build();
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Path("{id: \\d+}")
  @Operation(operationId = "getUser", summary = "Read a user")
  public UserView get(@PathParam("id") long id) {
    return users
        .find(id)
        .map(UserView::of)
        .orElseThrow(() -> new ResourceNotFoundException("User " + id + " does not exist"));
  }

  @DELETE
  @RolesAllowed(MANAGER)
  @SecurityRequirement(name = "bearer", scopes = MANAGER)
  @Path("{id: \\d+}")
  @Operation(operationId = "deleteUser", summary = "Delete a user")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "409", description = "The user has orders")
  public Response delete(@PathParam("id") long id) {
    users.delete(id);
    return Response.noContent().build();
  }
}
