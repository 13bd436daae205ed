package dev.parley.common;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Whether a failed write lost a race on a unique constraint. Hibernate reports it as a
 * {@link ConstraintViolationException}, raw when the violation surfaces at a flush and wrapped (in the transaction's
 * rollback exception) when it surfaces at commit: look along the causes.
 */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    public static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
