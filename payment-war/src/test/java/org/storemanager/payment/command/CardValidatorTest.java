package org.storemanager.payment.command;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemanager.common.error.InvalidRequestException;
import org.storemanager.common.error.UnprocessableException;

/**
 * The simulated card check, with "now" pinned to March 2026. Unless a test says otherwise, the Luhn
 * check is on (the stricter rule); {@link #luhnOffAcceptsWhatOnlyTheChecksumRefuses} covers the
 * default configuration.
 */
class CardValidatorTest {

  private static final YearMonth NOW = YearMonth.of(2026, 3);
  private static final String VISA = "4111111111111111";
  private static final String COURSE_CARD = "9999999999999"; // the course's test card: no Luhn
  private static final String CODE = "123";
  private static final String EXPIRY = "12/30";

  private static void check(String number, String code, String expiry) {
    CardValidator.check(number, code, expiry, NOW, true);
  }

  private static void checkWithoutLuhn(String number, String code, String expiry) {
    CardValidator.check(number, code, expiry, NOW, false);
  }

  private static String rejected(String number, String code, String expiry) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> check(number, code, expiry));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  /** Either Luhn setting: format, code and expiry rules do not depend on it. */
  private static String rejectedEitherWay(String number, String code, String expiry) {
    String message = rejected(number, code, expiry);
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> checkWithoutLuhn(number, code, expiry));
    assertEquals(message, e.getMessage());
    return message;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // number,              luhn on: accepted?, luhn off: accepted?
    "4111111111111111,      true,  true", // Visa, valid checksum
    "4111111111111112,      false, true", // last digit changed: only the checksum notices
    "9999999999999,         false, true", // the course's test card (13 digits)
    "9999999999999999999,   false, true", // 19 nines
    "5555555555554444,      true,  true"
  })
  void luhnOffAcceptsWhatOnlyTheChecksumRefuses(String number, boolean withLuhn, boolean without) {
    assertEquals(withLuhn, accepts(() -> check(number, CODE, EXPIRY)), "Luhn on");
    assertEquals(without, accepts(() -> checkWithoutLuhn(number, CODE, EXPIRY)), "Luhn off");
  }

  private static boolean accepts(Runnable check) {
    try {
      check.run();
      return true;
    } catch (InvalidRequestException e) {
      assertEquals("cardNumber: is not a valid card number (checksum failed)", e.getMessage());
      return false;
    }
  }

  @Test
  void theCoursesBodyIsAcceptedWithTheDefaultConfiguration() {
    // {"cardNumber": 9999999999999, "cardCode": 123, "expirationDate": "2030-01-05"}, once read.
    assertDoesNotThrow(() -> checkWithoutLuhn(COURSE_CARD, "123", "2030-01-05"));
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
        "999999999999", // 12 nines: too short even without the checksum
        "99999999999999999999", // 20 nines: too long
        "60110000000000000004", // 20 digits (checksum valid): too long
        "4111-1111-1111-1111", // dashes are not spaces
        "4111111111111a11",
        "４１１１１１１１１１１１１１１１", // full-width digits are not 0-9
        "",
        "   "
      })
  void rejectsMalformedNumbersWithoutRepeatingThem(String number) {
    String message = rejectedEitherWay(number, CODE, EXPIRY);
    assertEquals("cardNumber: must be 13 to 19 digits (spaces allowed)", message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12", "12345", "12a", "1 23", "１２３"})
  void rejectsMalformedCardCodes(String code) {
    assertEquals("cardCode: must be 3 or 4 digits", rejectedEitherWay(VISA, code, EXPIRY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"123", "1234", "000"})
  void acceptsThreeAndFourDigitCardCodes(String code) {
    assertDoesNotThrow(() -> check(VISA, code, EXPIRY));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "12/30",
        "12/2030",
        "01/27",
        "09/2099",
        "2030-01-05", // the course's format: a date
        "2030-12-31",
        "2028-02-29", // a leap day
        "2099-09-01"
      })
  void acceptsEveryExpirationFormat(String expiry) {
    assertDoesNotThrow(() -> check(VISA, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1/30",
        "12-30",
        "12/3",
        "12/300",
        "1230",
        "12/30 ",
        "ab/cd",
        "",
        "2030-1-05",
        "2030-01-5",
        "30-01-05",
        "2030/01/05",
        "2030-01-05T00:00:00Z",
        "2030-01",
        " 2030-01-05",
        "２０３０-01-05"
      })
  void rejectsMalformedExpirationDates(String expiry) {
    assertEquals(
        "expirationDate: must be MM/YY, MM/YYYY or YYYY-MM-DD",
        rejectedEitherWay(VISA, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"00/30", "13/30", "99/2030", "2030-13-01", "2030-00-10"})
  void rejectsMonthsOutsideTheYear(String expiry) {
    assertEquals("expirationDate: month must be 01 to 12", rejectedEitherWay(VISA, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2030-01-32", "2030-02-30", "2027-02-29", "2030-04-31", "2030-01-00"})
  void rejectsDaysTheMonthDoesNotHave(String expiry) {
    assertEquals(
        "expirationDate: day must exist in that month", rejectedEitherWay(VISA, CODE, expiry));
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
  @ValueSource(strings = {"03/26", "03/2026", "2026-03-01", "2026-03-31"})
  void aCardIsValidUntilTheEndOfItsExpirationMonth(String expiry) {
    // 2026-03-01 is already past on the 2nd of March: the card is still good through March.
    assertDoesNotThrow(() -> check(VISA, CODE, expiry));
    assertDoesNotThrow(() -> checkWithoutLuhn(COURSE_CARD, CODE, expiry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"02/26", "02/2026", "12/25", "01/2000", "2026-02-28", "1999-12-31"})
  void aCardIsExpiredFromTheMonthAfter(String expiry) {
    for (boolean luhn : new boolean[] {true, false}) {
      UnprocessableException e =
          assertThrows(
              UnprocessableException.class,
              () -> CardValidator.check(VISA, CODE, expiry, NOW, luhn));
      assertEquals(422, e.status());
      assertEquals("The card has expired", e.getMessage());
    }
  }

  @Test
  void formatErrorsWinOverExpiry() {
    // A malformed request is a 400 even if the (well-formed) expiration date is also past.
    rejected("4111111111111112", CODE, "01/20");
  }
}
