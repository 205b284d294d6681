package org.storemanager.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.JsonbException;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictScalarsTest {

  public record Sample(String name, Boolean flag, BigDecimal amount) {}

  private static Sample read(String json) {
    return JsonNaming.jsonb().fromJson(json, Sample.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": false}",
        "{\"name\": 5}",
        "{\"name\": [\"x\"]}",
        "{\"flag\": 1}",
        "{\"flag\": \"true\"}",
        "{\"amount\": true}",
        "{\"amount\": \"abc\"}"
      })
  void otherJsonTypesAreRefused(String json) {
    assertThrows(JsonbException.class, () -> read(json));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\": \"Widget\", \"flag\": true, \"amount\": 12.50} | Widget | true | 12.50",
        "{\"name\": null, \"flag\": false, \"amount\": \"12.5\"} | | false | 12.5",
        "{\"amount\": 0.5700000000000001} | | | 0.5700000000000001",
        "{\"amount\": 19.999} | | | 19.999",
        "{\"amount\": 6.103515625e-05} | | | 0.00006103515625"
      })
  void documentedTypesAreRead(String json, String name, Boolean flag, String amount) {
    Sample sample = read(json);
    assertEquals(name, sample.name());
    assertEquals(flag, sample.flag());
    assertEquals(0, new BigDecimal(amount).compareTo(sample.amount()), "amount " + sample.amount());
  }

  @org.junit.jupiter.api.Test
  void aVeryLongAmountIsReadForBeanValidationToRefuse() {
    String digits = "9".repeat(100_000);
    assertEquals(new BigDecimal(digits), read("{\"amount\": " + digits + "}").amount());
  }
}
