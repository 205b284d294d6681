package org.storemanager.common.idempotency;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.storemanager.common.web.JsonNaming;

/**
 * Tells whether a retry carries the same request as the first use of its key. Computed from the
 * request as the resource parsed it, not from the bytes on the wire: whitespace, field order, a
 * number written {@code 5.0} or {@code 5}, or an amount sent as a string all give the same
 * fingerprint, while any change of a value gives another.
 */
public final class RequestFingerprint {

  private RequestFingerprint() {}

  /** SHA-256, in hex, of {@link #canonicalJson} of the request. */
  public static String of(Object request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The request as the REST contract writes it ({@link JsonNaming#jsonb()}), with object members
   * sorted by name and numbers without trailing zeros; arrays keep their order.
   */
  static String canonicalJson(Object request) {
    String json = JsonNaming.jsonb().toJson(request);
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      StringBuilder out = new StringBuilder(json.length());
      write(reader.readValue(), out);
      return out.toString();
    }
  }

  private static void write(JsonValue value, StringBuilder out) {
    switch (value.getValueType()) {
      case OBJECT -> {
        Map<String, JsonValue> sorted = new TreeMap<>((JsonObject) value);
        out.append('{');
        String separator = "";
        for (Map.Entry<String, JsonValue> member : sorted.entrySet()) {
          out.append(separator).append(Json.createValue(member.getKey())).append(':');
          write(member.getValue(), out);
          separator = ",";
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        String separator = "";
        for (JsonValue element : (JsonArray) value) {
          out.append(separator);
          write(element, out);
          separator = ",";
        }
        out.append(']');
      }
      case NUMBER ->
          out.append(((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toString());
      default -> out.append(value); // strings (JSON-escaped), true, false, null
    }
  }
}
