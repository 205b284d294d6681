package org.storemanager.payment.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemanager.common.error.InvalidRequestException;
import org.storemanager.payment.api.PaymentResource.ProcessPaymentRequest;

/** Reading the card body: JSON numbers or strings for the digits, never an echo of them. */
class ProcessPaymentRequestTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // body | cardNumber | cardCode | expirationDate
        "{\"cardNumber\": 9999999999999, \"cardCode\": 123, \"expirationDate\": \"2030-01-05\"}"
            + " | 9999999999999 | 123 | 2030-01-05",
        "{\"cardNumber\": \"9999999999999\", \"cardCode\": \"123\", \"expirationDate\": \"01/30\"}"
            + " | 9999999999999 | 123 | 01/30",
        "{\"cardNumber\": \"4111 1111 1111 1111\", \"cardCode\": 7391, \"expirationDate\": \"12/2030\"}"
            + " | 4111 1111 1111 1111 | 7391 | 12/2030",
        // 19 digits: above Long.MAX_VALUE, still exact
        "{\"cardNumber\": 9999999999999999999, \"cardCode\": \"012\", \"expirationDate\": \"12/30\"}"
            + " | 9999999999999999999 | 012 | 12/30",
        // a number is its digits; the validator judges the length (0 is not 3 digits)
        "{\"cardNumber\": 4111111111111111, \"cardCode\": 0, \"expirationDate\": \"12/30\"}"
            + " | 4111111111111111 | 0 | 12/30",
        "{\"cardNumber\": null, \"expirationDate\": \"12/30\"} | | | 12/30",
        // an exponent that leaves no fraction is still a whole number (scale 0)
        "{\"cardNumber\": 4.111111111111111E15, \"cardCode\": 123, \"expirationDate\": \"12/30\"}"
            + " | 4111111111111111 | 123 | 12/30",
        "{\"cardNumber\": 1, \"cardCode\": 2, \"expirationDate\": \"x\", \"other\": 1.5} | 1 | 2 | x"
      })
  void readsNumbersAndStrings(String body, String number, String code, String expiry) {
    ProcessPaymentRequest request = ProcessPaymentRequest.parse(body);
    assertEquals(number, request.cardNumber());
    assertEquals(code, request.cardCode());
    assertEquals(expiry, request.expirationDate());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"cardNumber\": 4111111111111111, \"cardCode\": 1.5, \"expirationDate\": \"12/30\"}"
            + " | cardCode: must be a whole, non-negative number (or a string of digits)",
        "{\"cardNumber\": 4111111111111111, \"cardCode\": 1e3, \"expirationDate\": \"12/30\"}"
            + " | cardCode: must be a whole, non-negative number (or a string of digits)",
        "{\"cardNumber\": 4111111111111111, \"cardCode\": 123.0, \"expirationDate\": \"12/30\"}"
            + " | cardCode: must be a whole, non-negative number (or a string of digits)",
        "{\"cardNumber\": -4111111111111111, \"cardCode\": 123, \"expirationDate\": \"12/30\"}"
            + " | cardNumber: must be a whole, non-negative number (or a string of digits)",
        "{\"cardNumber\": 4111111111111111, \"cardCode\": 1230e-1, \"expirationDate\": \"12/30\"}"
            + " | cardCode: must be a whole, non-negative number (or a string of digits)",
        "{\"cardNumber\": true, \"cardCode\": [123], \"expirationDate\": 2030}"
            + " | cardNumber: must be a string or a whole number;"
            + " cardCode: must be a string or a whole number; expirationDate: must be a string",
        "null | request body: must not be null"
      })
  void rejectsOtherTypesWithoutRepeatingTheDigits(String body, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> ProcessPaymentRequest.parse(body));
    assertEquals(400, e.status());
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"cardNumber\":\"4111111111111111\",\"cardCode\":\"7391\"",
        "{\"cardNumber\":\"4111111111111111\" \"cardCode\":\"7391\"}",
        "{\"cardNumber\":04111111111111111,\"cardCode\":\"7391\"}",
        "{\"cardNumber\":4111111111111111x,\"cardCode\":\"7391\"}",
        "[\"4111111111111111\",\"7391\"]",
        "\"4111111111111111\"",
        "4111111111111111 7391",
        "4111111111111111",
        ""
      })
  void malformedBodiesGetAFixedMessageWithoutDigits(String body) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> ProcessPaymentRequest.parse(body));
    assertEquals(400, e.status());
    assertFalse(e.getMessage().matches("(?s).*[0-9].*"), e.getMessage());
  }
}
