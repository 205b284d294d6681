package org.storemanager.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenApiErrorFilterTest {

  @Test
  void aHealthProbeGetsNoSharedStatus() {
    assertEquals(List.of(), statuses(false, false, false, false));
  }

  @Test
  void aSecuredReadByIdCanBeRefusedOrNotFound() {
    assertEquals(List.of("400", "401", "403", "404"), statuses(true, false, true, true));
  }

  @Test
  void aSecuredWriteGetsTheBodyStatuses() {
    assertEquals(List.of("400", "401", "403", "413", "415"), statuses(true, true, false, false));
  }

  @Test
  void queryParametersAloneGiveOnly400() {
    assertEquals(List.of("400", "401", "403"), statuses(true, false, true, false));
  }

  @Test
  void errorsCarryTheErrorBodyExceptTheGatewaysRateLimit() {
    assertTrue(OpenApiErrorFilter.hasErrorBody("400"));
    assertTrue(OpenApiErrorFilter.hasErrorBody("503"));
    assertFalse(OpenApiErrorFilter.hasErrorBody("429"));
    assertFalse(OpenApiErrorFilter.hasErrorBody("201"));
    assertFalse(OpenApiErrorFilter.hasErrorBody("default"));
  }

  @Test
  void aConfiguredMaximumIsTheConfigurationValue() {
    Map<String, Object> extensions =
        Map.of(OpenApiErrorFilter.MAXIMUM_CONFIG_EXTENSION, "payment.max-amount");
    assertEquals(
        Optional.of(new BigDecimal("100000.00")),
        OpenApiErrorFilter.configuredMaximum(
            extensions,
            key ->
                key.equals("payment.max-amount") ? Optional.of(" 100000.00") : Optional.empty()));
    assertEquals(
        Optional.empty(),
        OpenApiErrorFilter.configuredMaximum(extensions, key -> Optional.empty()));
    assertEquals(
        Optional.empty(), OpenApiErrorFilter.configuredMaximum(null, key -> Optional.of("1")));
    assertEquals(
        Optional.empty(),
        OpenApiErrorFilter.configuredMaximum(Map.of("x-other", "a"), key -> Optional.of("1")));
  }

  private static List<String> statuses(
      boolean bearer, boolean body, boolean parameters, boolean pathParameters) {
    return List.copyOf(
        OpenApiErrorFilter.sharedStatuses(bearer, body, parameters, pathParameters).keySet());
  }
}
