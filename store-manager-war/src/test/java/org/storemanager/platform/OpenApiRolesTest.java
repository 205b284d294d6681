package org.storemanager.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.junit.jupiter.api.Test;
import org.storemanager.catalog.api.ProductResource;
import org.storemanager.catalog.api.UserResource;
import org.storemanager.operations.OperationsResource;
import org.storemanager.orders.api.OrderResource;
import org.storemanager.reports.ReportResource;
import org.storemanager.stock.api.StockResource;

/**
 * The OpenAPI document states each operation's roles as the scopes of its bearer requirement (the
 * filter turns them into {@code x-roles}): they must be those of its {@code @RolesAllowed}.
 */
class OpenApiRolesTest {

  static final List<Class<?>> RESOURCES =
      List.of(
          ProductResource.class,
          UserResource.class,
          OrderResource.class,
          ReportResource.class,
          StockResource.class,
          SlowResponseResource.class,
          OperationsResource.class);

  @Test
  void everyOperationDocumentsTheRolesItAllows() {
    int checked = 0;
    for (Class<?> resource : RESOURCES) {
      for (Method method : resource.getDeclaredMethods()) {
        if (!isOperation(method)) {
          continue;
        }
        RolesAllowed roles = nearest(method, RolesAllowed.class);
        SecurityRequirement requirement = nearest(method, SecurityRequirement.class);
        String where = resource.getSimpleName() + "." + method.getName();
        assertFalse(roles == null || requirement == null, where + ": roles or requirement missing");
        assertEquals("bearer", requirement.name(), where);
        assertEquals(Set.of(roles.value()), Set.of(requirement.scopes()), where);
        checked++;
      }
    }
    assertEquals(20, checked, "operations checked");
  }

  static boolean isOperation(Method method) {
    return method.isAnnotationPresent(GET.class)
        || method.isAnnotationPresent(POST.class)
        || method.isAnnotationPresent(PUT.class)
        || method.isAnnotationPresent(DELETE.class);
  }

  /** The method's annotation, or its class's (JAX-RS and MicroProfile OpenAPI read both). */
  static <A extends java.lang.annotation.Annotation> A nearest(Method method, Class<A> type) {
    for (AnnotatedElement element : new AnnotatedElement[] {method, method.getDeclaringClass()}) {
      A annotation = element.getAnnotation(type);
      if (annotation != null) {
        return annotation;
      }
    }
    return null;
  }
}
