package org.storemanager.common.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The REST contract uses snake_case field names (as the reference API): Java code keeps camelCase
 * ({@code userId}) and JSON-B writes and reads {@code user_id}. One place, no per-field
 * annotations.
 */
@Provider
public class JsonNaming implements ContextResolver<Jsonb> {

  @Override
  public Jsonb getContext(Class<?> type) {
    return Holder.JSONB;
  }

  /** The same JSON-B instance, for code that writes JSON outside JAX-RS (read models, events). */
  public static Jsonb jsonb() {
    return Holder.JSONB;
  }

  /** Created on first use (JSON-B instances are thread-safe and expensive to build). */
  private static final class Holder {
    static final Jsonb JSONB =
        JsonbBuilder.create(
            new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                .withDeserializers(
                    new StrictIntegers.IntegerDeserializer(),
                    new StrictIntegers.LongDeserializer(),
                    new StrictScalars.StringDeserializer(),
                    new StrictScalars.BooleanDeserializer(),
                    new StrictScalars.AmountDeserializer()));
  }

  /** {@code totalAmount} -> {@code total_amount}, as JSON-B does it. */
  public static String toSnakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
