package org.storemanager.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Names as people write them ("O'Brien & Sons (Montréal) #2") and nothing else: no markup, quotes,
 * semicolons or operators. SQL is always parameterized and JSON output escaped; this keeps HTML and
 * SQL injection attempts out of the data in the first place, with a 400 that says why.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[\\p{L}\\p{N} .,'&()/#+_-]*")
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface PlainText {

  /**
   * The OpenAPI {@code pattern} of a {@code @NotBlank @PlainText} field: JSON Schema patterns are
   * unanchored ECMA-262 (and client tools' regex engines know no {@code \p{L}}), so this one is
   * anchored, needs a character other than a space, and spells the letters out as the Latin ones
   * (A-Z with their accented forms): a little stricter than the rule above.
   */
  String NOT_BLANK_SCHEMA_PATTERN =
      "^ *[A-Za-zÀ-ÖØ-öø-ÿ0-9.,'&()/#+_-][A-Za-zÀ-ÖØ-öø-ÿ0-9 .,'&()/#+_-]*$";

  String message() default
      "may contain only letters, digits, spaces and . , ' & ( ) / # + _ - characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
