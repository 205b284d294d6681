package org.storemanager.payment.command;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemanager.common.error.InvalidRequestException;
import org.storemanager.common.error.UnprocessableException;

/** The simulated card check, with "now" pinned to March 2026. */
class CardValidatorTest {

  private static final YearMonth NOW = YearMonth.of(2026, 3);
  private static final String VISA = "4111111111111111";
  private static final String CODE = "123";
  private static final String EXPIRY = "12/30";

  private static void check(String number, String code, String expiry) {
    CardValidator.check(number, code, expiry, NOW);
  }

  private static String rejected(String number, String code, String expiry) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> check(number, code, expiry));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111", // Visa, 16 digits
        "4111 1111 1111 1111", // grouped as printed on the card
        "4111111111119", // 13 digits, the shortest
        "6011000000000000001", // 19 digits, the longest
        "378282246310005", // American Express, 15 digits
        "5555555555554444" // Mastercard
      })
  void acceptsWellFormedNumbersWithAValidChecksum(String number) {
    assertDoesNotThrow(() -> check(number, CODE, EXPIRY));
  }

  @Test
  void luhnChecksumCatchesOneWrongDigitAndSwappedNeighbours() {
    assertTrue(CardValidator.passesLuhn("4111111111111111"));
    assertFalse(CardValidator.passesLuhn("4111111111111112")); // last digit changed
    assertTrue(CardValidator.passesLuhn("5555555555554444"));
    assertFalse(CardValidator.passesLuhn("5555555555545444")); // 4 and 5 swapped
  }

  @Test
  void rejectsANumberWithAWrongChecksumWithoutRepeatingIt() {
    String message = rejected("4111111111111112", CODE, EXPIRY);
    assertEquals("cardNumber: is not a valid card number (checksum failed)", message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "411111111117", // 12 digits (checksum valid): too short
        "60110000000000000004", // 20 digits (checksum valid): too long
        "4111-1111-1111-1111", // dashes are not spaces
        "4111111111111a11",
        "４１１１１１１１１１１１１１１１", // full-width digits are not 0-9
        "",
        "   "
      })
  void rejectsMalformedNumbersWithoutRepeatingThem(String number) {
    String message = rejected(number, CODE, EXPIRY);
    assertEquals("cardNumber: must be 13 to 19 digits (spaces allowed)", message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12", "12345", "12a", "1 23", "１２３"})
  void rejectsMalformedCardCodes(String code) {
    assertEquals("cardCode: must be 3 or 4 digits", rejected(VISA, code, EXPIRY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"123", "1234", "000"})
  void acceptsThreeAndFourDigitCardCodes(String code) {
    assertDoesNotThrow(() -> check(VISA, code, EXPIRY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12/30", "12/2030", "01/27", "09/2099"})
  void acceptsBothExpirationFormats(String expiry) {
    assertDoesNotThrow(() -> check(VISA, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1/30", "12-30", "12/3", "12/300", "1230", "12/30 ", "ab/cd", ""})
  void rejectsMalformedExpirationDates(String expiry) {
    assertEquals("expirationDate: must be MM/YY or MM/YYYY", rejected(VISA, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"00/30", "13/30", "99/2030"})
  void rejectsMonthsOutsideTheYear(String expiry) {
    assertEquals("expirationDate: month must be 01 to 12", rejected(VISA, CODE, expiry));
  }

  @Test
  void reportsEveryMissingFieldAtOnce() {
    assertEquals(
        "cardNumber: is required; cardCode: is required; expirationDate: is required",
        rejected(null, null, null));
  }

  @Test
  void reportsEveryMalformedFieldAtOnce() {
    String message = rejected("4111111111111112", "12", "13/30");
    assertEquals(
        "cardNumber: is not a valid card number (checksum failed);"
            + " cardCode: must be 3 or 4 digits; expirationDate: month must be 01 to 12",
        message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"03/26", "03/2026"})
  void aCardIsValidUntilTheEndOfItsExpirationMonth(String expiry) {
    assertDoesNotThrow(() -> check(VISA, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"02/26", "02/2026", "12/25", "01/2000"})
  void aCardIsExpiredFromTheMonthAfter(String expiry) {
    UnprocessableException e =
        assertThrows(UnprocessableException.class, () -> check(VISA, CODE, expiry));
    assertEquals(422, e.status());
    assertEquals("The card has expired", e.getMessage());
  }

  @Test
  void formatErrorsWinOverExpiry() {
    // A malformed request is a 400 even if the (well-formed) expiration date is also past.
    rejected("4111111111111112", CODE, "01/20");
  }
}
