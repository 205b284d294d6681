package org.storemanager.common.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
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

  /** The whole number the parser stands on, or null for a JSON null (Bean Validation decides). */
  private static BigDecimal wholeNumber(JsonParser parser) {
    JsonValue json = parser.getValue();
    if (json.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(json instanceof JsonNumber number)) {
      throw new JsonbException("expected a whole number");
    }
    BigDecimal value = number.bigDecimalValue();
    if (value.stripTrailingZeros().scale() > 0) {
      throw new JsonbException("expected a whole number, got " + value.toPlainString());
    }
    return value;
  }

  static final class IntegerDeserializer implements JsonbDeserializer<Integer> {
    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
      try {
        BigDecimal value = wholeNumber(parser);
        return value == null ? null : value.intValueExact();
      } catch (ArithmeticException e) {
        throw new JsonbException("number out of range for a 32-bit integer");
      }
    }
  }

  static final class LongDeserializer implements JsonbDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
      try {
        BigDecimal value = wholeNumber(parser);
        return value == null ? null : value.longValueExact();
      } catch (ArithmeticException e) {
        throw new JsonbException("number out of range for a 64-bit integer");
      }
    }
  }
}
