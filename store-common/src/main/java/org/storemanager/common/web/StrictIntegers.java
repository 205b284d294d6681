package org.storemanager.common.web;

import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * JSON-B reads {@code 1.5} into an int as 1: a quantity of "one and a half" would silently become
 * one. These deserializers accept only whole numbers in range and reject the rest (400).
 */
final class StrictIntegers {

  private StrictIntegers() {}

  private static BigDecimal wholeNumber(JsonParser parser) {
    BigDecimal value;
    try {
      value = parser.getBigDecimal(); // the parser stands on the value
    } catch (IllegalStateException | NumberFormatException e) {
      throw new JsonbException("expected a whole number");
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw new JsonbException("expected a whole number, got " + value.toPlainString());
    }
    return value;
  }

  static final class IntegerDeserializer implements JsonbDeserializer<Integer> {
    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
      try {
        return wholeNumber(parser).intValueExact();
      } catch (ArithmeticException e) {
        throw new JsonbException("number out of range for a 32-bit integer");
      }
    }
  }

  static final class LongDeserializer implements JsonbDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
      try {
        return wholeNumber(parser).longValueExact();
      } catch (ArithmeticException e) {
        throw new JsonbException("number out of range for a 64-bit integer");
      }
    }
  }
}
