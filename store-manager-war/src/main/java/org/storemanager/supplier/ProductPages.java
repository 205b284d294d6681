package org.storemanager.supplier;

/**
 * The pages of {@code products} (docs/adr/0010): at most {@link #MAX} products per call, {@link
 * #DEFAULT} without {@code first}; {@code after} is the id of the last product of the previous
 * page. Each product of a page is one Redis read, so the cost limits charge a {@code products}
 * field its page size ({@link QueryShape#items()}).
 */
final class ProductPages {

  static final String FIELD = "products";
  static final String FIRST = "first";
  static final int DEFAULT = 20;
  static final int MAX = 50;

  private ProductPages() {}

  /** What a {@code first} of this value is charged: out of range, it is refused anyway. */
  static long chargedFor(long first) {
    return first < 1 || first > MAX ? MAX : first;
  }
}
