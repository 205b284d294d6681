package org.storemanager.supplier;

/**
 * Product ids as the reference's schema types them: GraphQL {@code ID}, so a client may write
 * {@code product(id: 1)} or {@code product(id: "1")} (the spec lets an ID take both literals). Our
 * ids are positive whole numbers; anything else is the client's mistake, said without repeating the
 * (possibly long) input.
 */
final class ProductIds {

  private static final int MAX_DIGITS = 19;

  private ProductIds() {}

  static long parse(String argument, String id) throws InvalidSupplierInputException {
    if (id == null || id.isEmpty() || id.length() > MAX_DIGITS || !allAsciiDigits(id)) {
      throw invalid(argument);
    }
    long value;
    try {
      value = Long.parseLong(id);
    } catch (NumberFormatException e) { // 19 digits above Long.MAX_VALUE
      throw invalid(argument);
    }
    if (value <= 0) {
      throw invalid(argument);
    }
    return value;
  }

  private static boolean allAsciiDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static InvalidSupplierInputException invalid(String argument) {
    return new InvalidSupplierInputException(
        argument + " must be a product id: a positive whole number, as 12 or \"12\"");
  }
}
