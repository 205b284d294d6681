package org.storemanager.common.idempotency;

import java.util.Optional;
import java.util.regex.Pattern;
import org.storemanager.common.error.InvalidRequestException;

/**
 * The key a client sends in {@code Idempotency-Key} to make a POST safe to retry. The draft
 * (draft-ietf-httpapi-idempotency-key-header) defines the value as a structured-field string,
 * {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}; most clients send it bare, so a bare token is
 * accepted too, and both forms of one key are the same key.
 *
 * <p>Exactly the values {@link #PATTERN} describes (with at most {@link #MAX_LENGTH} characters)
 * are accepted: the OpenAPI document states this pattern, and schemathesis checks that the server
 * agrees with it in both directions.
 */
public record IdempotencyKey(String value) {

  /** The request header. */
  public static final String HEADER = "Idempotency-Key";

  /** The response header that marks a stored answer given again; its value is {@code true}. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** Longest header value, quotes and escapes of the quoted form included. */
  public static final int MAX_LENGTH = 255;

  /**
   * A bare token (printable ASCII without space, {@code "}, {@code \}, {@code ,} and {@code ;},
   * which would make it a string, a list or a parameter), or a quoted string of printable ASCII in
   * which {@code "} and {@code \} are escaped with {@code \}. Written with {@code \x} escapes so
   * that ECMA-262 (OpenAPI), Python (schemathesis) and Java read it alike.
   */
  public static final String PATTERN =
      "^(?:[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+"
          + "|\"(?:[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\x22\\x5C])+\")$";

  private static final Pattern VALID = Pattern.compile(PATTERN);

  /** Describes the accepted forms, for the 400 and the OpenAPI description. */
  public static final String FORMS =
      "a token such as 8e03978e-40d5-43e8-bc93-6894a57f9324, or a quoted string such as"
          + " \"8e03978e-40d5-43e8-bc93-6894a57f9324\" (printable ASCII, at most "
          + MAX_LENGTH
          + " characters)";

  /** The header's description in both OpenAPI documents. */
  public static final String PARAMETER_DESCRIPTION =
      "Makes the request safe to retry (draft-ietf-httpapi-idempotency-key-header): "
          + FORMS
          + ". Kept 24 h per caller.";

  public IdempotencyKey {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty idempotency key");
    }
  }

  /**
   * The key of a header value: empty when the header is absent ({@code null}), so the request runs
   * as it always did.
   *
   * @throws InvalidRequestException (400) for a value that is empty, too long, has control or
   *     non-ASCII characters, or is neither a token nor a quoted string
   */
  public static Optional<IdempotencyKey> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.isEmpty()) {
      throw invalid("must not be empty");
    }
    if (header.length() > MAX_LENGTH) {
      throw invalid("must be at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw invalid("must not contain control characters");
      }
      if (c > 0x7E) {
        throw invalid("must contain printable ASCII characters only");
      }
    }
    if (!VALID.matcher(header).matches()) {
      throw invalid(header.equals("\"\"") ? "must not be empty" : "must be " + FORMS);
    }
    return Optional.of(new IdempotencyKey(header.charAt(0) == '"' ? unquote(header) : header));
  }

  /** The content of a quoted string the pattern accepted: escapes resolved. */
  private static String unquote(String quoted) {
    StringBuilder key = new StringBuilder(quoted.length() - 2);
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        c = quoted.charAt(++i);
      }
      key.append(c);
    }
    return key.toString();
  }

  // The message never repeats the value: it is the client's, and may be long.
  private static InvalidRequestException invalid(String problem) {
    return new InvalidRequestException(HEADER + ": " + problem);
  }

  @Override
  public String toString() {
    return value;
  }
}
