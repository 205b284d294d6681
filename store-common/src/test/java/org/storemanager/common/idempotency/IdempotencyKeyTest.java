package org.storemanager.common.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemanager.common.error.InvalidRequestException;

class IdempotencyKeyTest {

  private static String key(String header) {
    return IdempotencyKey.parse(header).orElseThrow().value();
  }

  private static String refusal(String header) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> IdempotencyKey.parse(header));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void noHeaderMeansNoKey() {
    assertEquals(Optional.empty(), IdempotencyKey.parse(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8e03978e-40d5-43e8-bc93-6894a57f9324",
        "abc",
        "0",
        "*",
        "a:b/c",
        "dGVzdA==",
        "base64+/url_~.!#$%&'*^`|",
        "<x>?@[]{}"
      })
  void aBareTokenIsTheKey(String header) {
    assertEquals(header, key(header));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "\"8e03978e-40d5-43e8-bc93-6894a57f9324\" | 8e03978e-40d5-43e8-bc93-6894a57f9324",
        "\"with space, comma; semicolon\"          | with space, comma; semicolon",
        "\"a\\\"b\"                                | a\"b",
        "\"back\\\\slash\"                         | back\\slash",
        "\" \"                                     | ' '"
      })
  void aQuotedStringIsTheKeyWithItsEscapesResolved(String header, String expected) {
    assertEquals(expected.equals("' '") ? " " : expected, key(header.strip()));
  }

  @Test
  void theBareAndTheQuotedFormOfOneKeyAreTheSameKey() {
    assertEquals(key("abc-123"), key("\"abc-123\""));
  }

  @Test
  void anEmptyValueIsRefused() {
    assertEquals("Idempotency-Key: must not be empty", refusal(""));
    assertEquals("Idempotency-Key: must not be empty", refusal("\"\""));
  }

  @Test
  void theLimitIs255CharactersOfTheHeaderValue() {
    assertEquals(255, key("k".repeat(255)).length());
    assertEquals(253, key("\"" + "k".repeat(253) + "\"").length());
    assertEquals("Idempotency-Key: must be at most 255 characters", refusal("k".repeat(256)));
    assertEquals(
        "Idempotency-Key: must be at most 255 characters", refusal("\"" + "k".repeat(254) + "\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\tb", "a\nb", "a\rb", "\u0000", "abc\u007f", "\"a\u0001\""})
  void controlCharactersAreRefused(String header) {
    assertEquals("Idempotency-Key: must not contain control characters", refusal(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9", "\"\u00e9\"", "\u20ac", "key\u00a0"})
  void nonAsciiCharactersAreRefused(String header) {
    assertEquals("Idempotency-Key: must contain printable ASCII characters only", refusal(header));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "two words",
        " leading",
        "trailing ",
        "a,b",
        "a;b",
        "\"abc\";param=1",
        "\"unterminated",
        "unopened\"",
        "in\"side",
        "back\\slash",
        "\"bad \\escape\"",
        "\"trailing backslash\\\"",
        "\"a\"\"b\"",
        " "
      })
  void neitherATokenNorAQuotedStringIsRefused(String header) {
    assertTrue(refusal(header).startsWith("Idempotency-Key: must be a token"), header);
  }

  @Test
  void theRefusalNeverRepeatsTheValue() {
    assertTrue(!refusal("secret value").contains("secret"));
  }

  /**
   * The OpenAPI document states PATTERN and MAX_LENGTH; schemathesis sends values on both sides of
   * them. The parser must accept exactly what they describe: random strings of the characters that
   * matter (quotes, backslash, separators, space, controls, non-ASCII) must get the same verdict.
   */
  @Test
  void theParserAcceptsExactlyWhatTheDocumentedSchemaDescribes() {
    Pattern documented = Pattern.compile(IdempotencyKey.PATTERN);
    char[] alphabet = "aZ09-_\"\\ ,;:/=\t\u007f\u00e9".toCharArray();
    Random random = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(8);
      if (random.nextInt(4) == 0) {
        value.append('"');
      }
      for (int j = 0; j < length; j++) {
        value.append(alphabet[random.nextInt(alphabet.length)]);
      }
      if (random.nextInt(3) == 0) {
        value.append('"');
      }
      String header = value.toString();
      boolean schemaValid =
          header.length() >= 1
              && header.length() <= IdempotencyKey.MAX_LENGTH
              && documented.matcher(header).matches();
      boolean accepted;
      try {
        accepted = IdempotencyKey.parse(header).isPresent();
      } catch (InvalidRequestException e) {
        accepted = false;
      }
      assertEquals(schemaValid, accepted, "verdicts differ for [" + header + "]");
    }
  }

  @Test
  void theDocumentedPatternIsAnchoredAndUsesOnlyPortableSyntax() {
    String pattern = IdempotencyKey.PATTERN;
    assertTrue(pattern.startsWith("^") && pattern.endsWith("$"));
    // No \p{...}, no possessive quantifiers, no lookarounds: ECMA-262 and Python read it as Java.
    assertTrue(!pattern.contains("\\p") && !pattern.contains("++") && !pattern.contains("(?="));
  }
}
