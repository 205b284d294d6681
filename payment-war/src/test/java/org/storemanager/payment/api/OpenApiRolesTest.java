package org.storemanager.payment.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document states each operation's roles as the scopes of its bearer requirement: they
 * must be those of its {@code @RolesAllowed}, or, for processing, those the resource checks itself.
 */
class OpenApiRolesTest {

  @Test
  void createAndReadDocumentTheirRoles() throws Exception {
    for (String name : new String[] {"create", "get"}) {
      var method =
          java.util.Arrays.stream(PaymentResource.class.getDeclaredMethods())
              .filter(m -> m.getName().equals(name))
              .findFirst()
              .orElseThrow();
      SecurityRequirement requirement = method.getAnnotation(SecurityRequirement.class);
      assertEquals("bearer", requirement.name());
      assertEquals(
          Set.of(method.getAnnotation(RolesAllowed.class).value()), Set.of(requirement.scopes()));
    }
  }

  @Test
  void theSagaEventLogDocumentsItsRoles() throws Exception {
    var method = SagaEventLogResource.class.getDeclaredMethod("events", long.class);
    SecurityRequirement requirement = method.getAnnotation(SecurityRequirement.class);
    assertEquals("bearer", requirement.name());
    assertEquals(
        Set.of(method.getAnnotation(RolesAllowed.class).value()), Set.of(requirement.scopes()));
    assertEquals(Set.of("manager"), Set.of(requirement.scopes()));
  }

  @Test
  void processingTakesAStaffTokenOrNone() {
    var method =
        java.util.Arrays.stream(PaymentResource.class.getDeclaredMethods())
            .filter(m -> m.getName().equals("process"))
            .findFirst()
            .orElseThrow();
    SecurityRequirementsSet[] sets = method.getAnnotationsByType(SecurityRequirementsSet.class);
    assertEquals(2, sets.length);
    assertEquals(Set.of("clerk", "manager"), Set.of(sets[0].value()[0].scopes()));
    assertEquals(0, sets[1].value().length, "the empty set: a payment link's key instead");
  }
}
