package org.storemanager.payment.command;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storemanager.common.error.InvalidRequestException;
import org.storemanager.common.error.UnprocessableException;

/**
 * Checks card details the way a (simulated) payment processor would: format, Luhn checksum (when
 * configured) and expiry. Pure logic with the current month passed in, so tests can pin "now".
 *
 * <p>Error messages name the field and the rule, never the value: card numbers and codes must not
 * end up in responses or logs.
 */
public final class CardValidator {

  private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{13,19}");
  private static final Pattern CARD_CODE = Pattern.compile("[0-9]{3,4}");
  private static final Pattern EXPIRATION = Pattern.compile("([0-9]{2})/([0-9]{2}|[0-9]{4})");

  /** The course's clients send a date; the card is valid through its month, the day is ignored. */
  private static final Pattern EXPIRATION_DATE =
      Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");

  private static final String EXPIRATION_FORMATS =
      "expirationDate: must be MM/YY, MM/YYYY or YYYY-MM-DD";
  private static final String BAD_MONTH = "expirationDate: month must be 01 to 12";

  private CardValidator() {}

  /**
   * Throws {@link InvalidRequestException} (400) listing every malformed field, or {@link
   * UnprocessableException} (422) if the card is well-formed but expired. A card is valid until the
   * end of its expiration month. With {@code luhnCheck}, the number must also pass the checksum.
   */
  public static void check(
      String cardNumber,
      String cardCode,
      String expirationDate,
      YearMonth currentMonth,
      boolean luhnCheck) {
    List<String> problems = new ArrayList<>();
    if (cardNumber == null) {
      problems.add("cardNumber: is required");
    } else {
      String digits = cardNumber.replace(" ", "");
      if (!CARD_NUMBER.matcher(digits).matches()) {
        problems.add("cardNumber: must be 13 to 19 digits (spaces allowed)");
      } else if (luhnCheck && !passesLuhn(digits)) {
        problems.add("cardNumber: is not a valid card number (checksum failed)");
      }
    }
    if (cardCode == null) {
      problems.add("cardCode: is required");
    } else if (!CARD_CODE.matcher(cardCode).matches()) {
      problems.add("cardCode: must be 3 or 4 digits");
    }
    YearMonth expiration = null;
    if (expirationDate == null) {
      problems.add("expirationDate: is required");
    } else {
      expiration = expirationMonth(expirationDate, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(String.join("; ", problems));
    }
    if (expiration.isBefore(currentMonth)) {
      throw new UnprocessableException("The card has expired");
    }
  }

  /** The month the card expires at the end of, or null after adding the problem to the list. */
  private static YearMonth expirationMonth(String text, List<String> problems) {
    Matcher printed = EXPIRATION.matcher(text);
    if (printed.matches()) {
      int month = Integer.parseInt(printed.group(1));
      int year = Integer.parseInt(printed.group(2));
      // Two-digit years are 20YY: cards are issued for a few years, not a century.
      return yearMonth(printed.group(2).length() == 2 ? 2000 + year : year, month, problems);
    }
    Matcher date = EXPIRATION_DATE.matcher(text);
    if (date.matches()) {
      YearMonth month =
          yearMonth(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)), problems);
      if (month != null && !month.isValidDay(Integer.parseInt(date.group(3)))) {
        problems.add("expirationDate: day must exist in that month");
        return null;
      }
      return month;
    }
    problems.add(EXPIRATION_FORMATS);
    return null;
  }

  private static YearMonth yearMonth(int year, int month, List<String> problems) {
    if (month < 1 || month > 12) {
      problems.add(BAD_MONTH);
      return null;
    }
    return YearMonth.of(year, month);
  }

  /**
   * The Luhn checksum every payment card number carries: from the right, double every second digit
   * (subtracting 9 when that gives two digits); the sum must be a multiple of 10. It catches typos
   * such as one wrong digit or two swapped neighbours.
   */
  static boolean passesLuhn(String digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubleIt) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }
}
