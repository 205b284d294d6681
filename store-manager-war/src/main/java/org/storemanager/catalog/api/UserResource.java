package org.storemanager.catalog.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.storemanager.catalog.command.UserService;
import org.storemanager.catalog.model.User;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.validation.PlainText;

/** {@code /users}: create, read and delete users. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

  public record CreateUserRequest(
      @NotBlank @Size(max = 100) @PlainText String name,
      @NotBlank @Size(max = 150) @Email String email) {}

  public record UserCreated(long userId) {}

  public record UserView(long id, String name, String email) {
    static UserView of(User user) {
      return new UserView(user.getId(), user.getName(), user.getEmail());
    }
  }

  @Inject UserService users;

  @POST
  @RolesAllowed({CLERK, MANAGER})
  public Response create(@Valid @NotNull CreateUserRequest request, @Context UriInfo uri) {
    long id = users.create(request.name().strip(), request.email().strip());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .entity(new UserCreated(id))
        .build();
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @Path("{id: \\d+}")
  public UserView get(@PathParam("id") long id) {
    return users
        .find(id)
        .map(UserView::of)
        .orElseThrow(() -> new ResourceNotFoundException("User " + id + " does not exist"));
  }

  @DELETE
  @RolesAllowed(MANAGER)
  @Path("{id: \\d+}")
  public Response delete(@PathParam("id") long id) {
    users.delete(id);
    return Response.noContent().build();
  }
}
