package dev.parley.common;

/**
 * A refused request, as services say it: a stable code and a sentence for people. Services do not know the
 * transport; REST answers it with problem details ({@link ProblemMappers}), the socket with an error frame.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message, null, false, false); // a refusal, not a fault: no stack trace to fill
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
