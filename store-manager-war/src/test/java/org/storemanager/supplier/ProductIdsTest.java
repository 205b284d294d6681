package org.storemanager.supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GraphQL ID arguments as product ids: a literal 1 arrives as "1", a literal "1" too. */
class ProductIdsTest {

  @ParameterizedTest
  @CsvSource({"1, 1", "42, 42", "007, 7", "9223372036854775807, 9223372036854775807"})
  void acceptsPositiveWholeNumbers(String id, long expected) throws Exception {
    assertEquals(expected, ProductIds.parse("id", id));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "-1",
        "0",
        "000",
        "1.5",
        "1e3",
        " 1",
        "1 ",
        "+1",
        "",
        "9223372036854775808",
        "12345678901234567890",
        "１",
        "0x10"
      })
  void refusesAnythingElseWithAClearMessage(String id) {
    InvalidSupplierInputException e =
        assertThrows(InvalidSupplierInputException.class, () -> ProductIds.parse("productId", id));
    assertEquals(
        "productId must be a product id: a positive whole number, as 12 or \"12\"", e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void refusesNull() {
    assertThrows(InvalidSupplierInputException.class, () -> ProductIds.parse("id", null));
  }
}
