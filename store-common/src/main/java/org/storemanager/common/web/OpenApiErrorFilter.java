package org.storemanager.common.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes the OpenAPI document SmallRye OpenAPI derives from the JAX-RS resources with what the
 * shared web layer of both services answers, so that the resources only declare their own outcomes
 * (success, 404/409/422 of their services). Registered by {@code mp.openapi.filter} in
 * store-common's {@code META-INF/microprofile-config.properties}.
 *
 * <ul>
 *   <li>An operation that accepts a bearer token ({@code @SecurityRequirement(name = "bearer",
 *       scopes = <the roles of its @RolesAllowed>)}) gets 401 and 403; the roles move to an {@code
 *       x-roles} extension and the description, as OpenAPI 3.0 wants no scopes for an HTTP scheme.
 *   <li>An operation with a request body gets 400 (malformed or invalid), 413 (over 1 MiB) and 415
 *       (not JSON).
 *   <li>An operation with path or query parameters gets 400 (a parameter that does not convert or
 *       breaks its constraint); with path parameters also 404 (no resource at this path).
 *   <li>Every 4xx and 5xx response without content gets the one error body, {@link ErrorResponse},
 *       except the gateway's 429, which has an empty body.
 *   <li>A schema with {@code oneOf} loses the single type inferred from its Java type, and a
 *       required property is listed once.
 *   <li>A number whose limit is configuration ({@code @Schema(extensions = @Extension(name =
 *       "x-maximum-config", value = "payment.max-amount"))}) gets that configuration value as its
 *       {@code maximum}: the document states the limit the server enforces, as it is configured.
 * </ul>
 *
 * Responses the resources declare themselves are left as they are.
 */
public class OpenApiErrorFilter implements OASFilter {

  /** The name of the {@code {"error": "..."}} schema under {@code components/schemas}. */
  public static final String ERROR_SCHEMA = "ErrorResponse";

  /**
   * The body of the servlet container's own 400 for a path it refuses before the application (see
   * {@link #describeContainerPathRefusal}).
   */
  public static final String CONTAINER_ERROR_SCHEMA = "ContainerPathError";

  /** A 400 of an operation with path parameters: the error body or the container's. */
  public static final String BAD_PATH_SCHEMA = "BadRequestOrBadPath";

  /** The security scheme the Application classes declare with {@code @SecurityScheme}. */
  public static final String BEARER = "bearer";

  /** Extension listing the roles of which the token must carry one. */
  public static final String ROLES_EXTENSION = "x-roles";

  /**
   * Extension naming the configuration key whose value is a number's {@code maximum} (kept in the
   * document: it tells a reader where the limit comes from).
   */
  public static final String MAXIMUM_CONFIG_EXTENSION = "x-maximum-config";

  /** The statuses the shared web layer adds to an operation, by what the operation has. */
  static Map<String, String> sharedStatuses(
      boolean bearerSecured, boolean hasBody, boolean hasParameters, boolean hasPathParameters) {
    Map<String, String> statuses = new LinkedHashMap<>();
    if (hasBody) {
      statuses.put("400", "Malformed JSON, wrong types or a field that breaks its constraint");
    } else if (hasParameters) {
      statuses.put("400", "A parameter that is not a valid value for this operation");
    }
    if (bearerSecured) {
      statuses.put("401", "No bearer token, or an expired, unsigned or foreign one");
      statuses.put("403", "The token's roles do not allow this operation");
    }
    if (hasPathParameters) {
      statuses.put("404", "No resource at this path");
    }
    if (hasBody) {
      statuses.put("413", "Request body over 1 MiB");
      statuses.put("415", "Request body not sent as application/json");
    }
    return statuses;
  }

  /**
   * A value that may take several shapes ({@code @Schema(oneOf = {BigDecimal.class,
   * String.class})}: a price as a JSON number or a numeric string) must not keep the one type
   * SmallRye infers from the Java type, or the other shapes would never validate.
   */
  @Override
  public Schema filterSchema(Schema schema) {
    if (schema.getOneOf() != null && !schema.getOneOf().isEmpty() && schema.getType() != null) {
      schema.setType(null);
    }
    // A record component named explicitly (@Schema(name = "is_paid")) is seen twice, as its field
    // and as its accessor: list it once.
    if (schema.getRequired() != null) {
      schema.setRequired(new ArrayList<>(new LinkedHashSet<>(schema.getRequired())));
    }
    configuredMaximum(
            schema.getExtensions(),
            key -> ConfigProvider.getConfig().getOptionalValue(key, String.class))
        .ifPresent(schema::setMaximum);
    return schema;
  }

  /**
   * The maximum a schema's {@value #MAXIMUM_CONFIG_EXTENSION} extension names, read from the
   * configuration; empty without the extension or the key.
   */
  static Optional<BigDecimal> configuredMaximum(
      Map<String, Object> extensions, Function<String, Optional<String>> configuration) {
    if (extensions == null || !(extensions.get(MAXIMUM_CONFIG_EXTENSION) instanceof String key)) {
      return Optional.empty();
    }
    return configuration.apply(key).map(String::trim).map(BigDecimal::new);
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Components components = openAPI.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openAPI.setComponents(components);
    }
    if (components.getSchemas() == null || !components.getSchemas().containsKey(ERROR_SCHEMA)) {
      components.addSchema(ERROR_SCHEMA, errorSchema());
    }
    if (!components.getSchemas().containsKey(CONTAINER_ERROR_SCHEMA)) {
      components.addSchema(CONTAINER_ERROR_SCHEMA, containerErrorSchema());
      components.addSchema(
          BAD_PATH_SCHEMA,
          OASFactory.createSchema()
              .description(
                  "The error body; or, for a path the servlet container refuses itself, its own")
              .addAnyOf(OASFactory.createSchema().ref("#/components/schemas/" + ERROR_SCHEMA))
              .addAnyOf(
                  OASFactory.createSchema().ref("#/components/schemas/" + CONTAINER_ERROR_SCHEMA)));
    }
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem item : openAPI.getPaths().getPathItems().values()) {
      if (item.getOperations() == null) {
        continue;
      }
      for (Operation operation : item.getOperations().values()) {
        complete(operation, item.getParameters());
      }
    }
  }

  private static void complete(Operation operation, List<Parameter> pathItemParameters) {
    List<Parameter> parameters = new ArrayList<>();
    if (pathItemParameters != null) {
      parameters.addAll(pathItemParameters);
    }
    if (operation.getParameters() != null) {
      parameters.addAll(operation.getParameters());
    }
    boolean hasPathParameters = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    boolean bearer = describeRoles(operation);
    if (operation.getRequestBody() != null) {
      // Every body of ours is required: without one the answer is 400 or 415, never a success.
      operation.getRequestBody().setRequired(true);
    }

    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    Map<String, String> statuses =
        sharedStatuses(
            bearer, operation.getRequestBody() != null, !parameters.isEmpty(), hasPathParameters);
    for (Map.Entry<String, String> status : statuses.entrySet()) {
      if (!responses.hasAPIResponse(status.getKey())) {
        responses.addAPIResponse(
            status.getKey(), OASFactory.createAPIResponse().description(status.getValue()));
      }
    }
    // Keep the responses in status order: generated clients and readers expect it.
    Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
    for (Map.Entry<String, APIResponse> response : sorted.entrySet()) {
      if (hasErrorBody(response.getKey())
          && response.getValue().getRef() == null
          && response.getValue().getContent() == null) {
        response.getValue().setContent(errorContent());
      }
    }
    if (hasPathParameters && sorted.get("400") != null) {
      describeContainerPathRefusal(sorted.get("400"));
    }
    responses.setAPIResponses(sorted);
  }

  /**
   * The servlet container (Open Liberty, Servlet 6.0 URI canonicalization) refuses a path whose
   * decoded form holds a control character ({@code %00}-{@code %1F}, {@code %7F}) or that is no
   * valid percent-encoding ({@code %ZZ}) itself, before any filter or error page of the
   * application: a 400 in HTML, or {@code {"error_message": "..."}} when the request's Content-Type
   * or Accept names JSON. No setting changes that answer; the gateway gives it the {@code {"error":
   * "..."}} body (krakend/errors.go). Documented on the 400 of each operation with path parameters,
   * where a client can put such characters.
   */
  private static void describeContainerPathRefusal(APIResponse badRequest) {
    if (badRequest.getRef() != null) {
      return;
    }
    String line =
        "; or a path the servlet container refuses before the application (a control character"
            + " or a malformed percent-encoding): text/html, or {\"error_message\"} to a JSON"
            + " request; through the gateway, {\"error\"}";
    String description = badRequest.getDescription();
    if (description == null || !description.contains("servlet container")) {
      badRequest.setDescription((description == null ? "Bad request" : description) + line);
    }
    Content content = badRequest.getContent();
    if (content == null) {
      content = errorContent();
      badRequest.setContent(content);
    }
    if (content.getMediaType("application/json") != null
        && content.getMediaType("application/json").getSchema() != null
        && ("#/components/schemas/" + ERROR_SCHEMA)
            .equals(content.getMediaType("application/json").getSchema().getRef())) {
      content
          .getMediaType("application/json")
          .setSchema(OASFactory.createSchema().ref("#/components/schemas/" + BAD_PATH_SCHEMA));
    }
    if (content.getMediaType("text/html") == null) {
      content.addMediaType(
          "text/html",
          OASFactory.createMediaType()
              .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
    }
  }

  /**
   * Moves the roles SmallRye put as scopes of the bearer requirement to {@code x-roles} and the
   * description; answers whether the operation accepts a bearer token at all.
   */
  private static boolean describeRoles(Operation operation) {
    if (operation.getSecurity() == null) {
      return false;
    }
    List<String> roles = new ArrayList<>();
    boolean bearer = false;
    for (SecurityRequirement requirement : operation.getSecurity()) {
      if (requirement.hasScheme(BEARER)) {
        bearer = true;
        List<String> scopes = requirement.getScheme(BEARER);
        if (scopes != null) {
          scopes.stream().filter(r -> !roles.contains(r)).forEach(roles::add);
        }
        requirement.addScheme(BEARER, new ArrayList<>());
      }
    }
    if (!roles.isEmpty()
        && (operation.getExtensions() == null
            || !operation.getExtensions().containsKey(ROLES_EXTENSION))) {
      operation.addExtension(ROLES_EXTENSION, roles);
      String line = "Roles: " + String.join(", ", roles) + ".";
      String description = operation.getDescription();
      operation.setDescription(
          description == null || description.isBlank() ? line : description + "\n\n" + line);
    }
    return bearer;
  }

  /**
   * Whether a response status carries the error body. The gateway's own 429 (KrakenD's rate limit)
   * comes with an empty body.
   */
  static boolean hasErrorBody(String status) {
    return status.length() == 3
        && (status.charAt(0) == '4' || status.charAt(0) == '5')
        && !GATEWAY_EMPTY_STATUS.equals(status);
  }

  private static final String GATEWAY_EMPTY_STATUS = "429";

  private static Content errorContent() {
    return OASFactory.createContent()
        .addMediaType(
            "application/json",
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + ERROR_SCHEMA)));
  }

  private static Schema containerErrorSchema() {
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .description(
            "Open Liberty's own 400 for a path it refuses before the application (JSON requests)")
        .addRequired("error_message")
        .addProperty("error_message", OASFactory.createSchema().type(Schema.SchemaType.STRING));
  }

  private static Schema errorSchema() {
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .description("The one error body of every endpoint: a message a user can act on")
        .addRequired("error")
        .addProperty(
            "error",
            OASFactory.createSchema()
                .type(Schema.SchemaType.STRING)
                .description("What went wrong, e.g. \"price: must be at least 0.01\""));
  }
}
