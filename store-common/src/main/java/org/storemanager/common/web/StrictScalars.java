package org.storemanager.common.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * JSON-B converts between scalar types on its own: {@code "sku": false} became the text "false",
 * {@code "is_paid": 1} became false. These deserializers take only the JSON type the contract
 * documents (400 otherwise). Amounts are the one leniency: a JSON number or a numeric string.
 * Either is read exactly as written: 0.5700000000000001 is not 0.57 (the document says {@code
 * multipleOf: 0.01}, and Bean Validation's {@code @Digits(fraction = 2)} refuses it), so a client
 * computing in binary floating point rounds to cents before it sends.
 */
final class StrictScalars {

  private StrictScalars() {}

  static final class StringDeserializer implements JsonbDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
      JsonValue json = parser.getValue();
      if (json.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (!(json instanceof JsonString text)) {
        throw new JsonbException("expected a string");
      }
      return text.getString();
    }
  }

  static final class BooleanDeserializer implements JsonbDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
      JsonValue json = parser.getValue();
      return switch (json.getValueType()) {
        case NULL -> null;
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        default -> throw new JsonbException("expected true or false");
      };
    }
  }

  static final class AmountDeserializer implements JsonbDeserializer<BigDecimal> {
    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
      JsonValue json;
      try {
        json = parser.getValue();
      } catch (RuntimeException e) {
        // JSON-P caps a number's JsonValue at 1100 characters; read its text instead, so that an
        // over-long amount reaches Bean Validation (@Digits names the field).
        return new BigDecimal(parser.getString());
      }
      if (json.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (json instanceof JsonString text) {
        try {
          return new BigDecimal(text.getString().strip());
        } catch (NumberFormatException e) {
          throw new JsonbException("expected a number");
        }
      }
      if (!(json instanceof JsonNumber number)) {
        throw new JsonbException("expected a number");
      }
      return number.bigDecimalValue();
    }
  }
}
