package org.storemanager.common.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The answer to a POST that created a resource: 201 with a {@code Location} that works behind the
 * gateway as well as direct.
 *
 * <p>The {@code Location} is a relative reference, {@code orders/42} (RFC 9110, 10.2.2), which the
 * client resolves against the URL it posted to (RFC 3986, 5.2): {@code POST
 * http://127.0.0.1:5000/orders} gives {@code http://127.0.0.1:5000/orders/42}, and {@code POST
 * http://gateway:8080/store-api/orders} gives {@code http://gateway:8080/store-api/orders/42}.
 * {@code Response.created} would make it absolute from the URL the service was called on, which
 * names the service's own address: behind the gateway, a client cannot reach it. The gateway passes
 * headers unchanged (no-op encoding), in our build of KrakenD's engine and in KrakenD's image
 * alike, so the service has to get it right.
 */
public final class CreatedResponse {

  private CreatedResponse() {}

  /** 201 with {@code Location: <the posted collection>/<id>}; add the entity and build. */
  public static Response.ResponseBuilder created(UriInfo request, long id) {
    String path = request.getAbsolutePath().getRawPath();
    String reference =
        path.endsWith("/")
            ? Long.toString(id)
            : path.substring(path.lastIndexOf('/') + 1) + "/" + id;
    return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, reference);
  }
}
