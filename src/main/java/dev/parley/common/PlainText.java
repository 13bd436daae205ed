package dev.parley.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A name shown to other users (display names, group names) or an id echoed back (clientMsgId): any script, but no
 * control characters (NUL included), no invisible format characters (bidi overrides and isolates, zero-width
 * spaces and joiners, the BOM) that let one name pass for another or reverse what follows it, and no unpaired
 * surrogates. Message text is not held to this: users type what they type (only NUL is refused there).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not contain control, bidi or invisible formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is left to @NotNull. */
    final class Validator implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPlain(value);
        }

        public static boolean isPlain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int codePoint = value.codePointAt(i);
                    if (Character.getType(codePoint) == Character.FORMAT) {
                        return false; // the tag characters and other supplementary format characters
                    }
                    i++;
                    continue;
                }
                int type = Character.getType(c);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                    return false;
                }
            }
            return true;
        }
    }
}
