package io.ike4j.api;

/**
 * A failure signalled by an IKE error Notify (RFC 7296 3.10.1), sent or received. Subclasses exist for the errors
 * applications commonly handle; every other error type is an instance of this class with its {@link #notifyType()}.
 */
public sealed class IkeProtocolException extends IkeException
        permits IkeProtocolException.InvalidSyntaxException, NoProposalChosenException, InvalidKePayloadException,
                AuthenticationFailedException, TsUnacceptableException, IkeProtocolException.SinglePairRequiredException,
                IkeProtocolException.NoAdditionalSasException, IkeProtocolException.InternalAddressFailureException,
                IkeProtocolException.FailedCpRequiredException, IkeProtocolException.TemporaryFailureException,
                IkeProtocolException.ChildSaNotFoundException {
    public static final int INVALID_SYNTAX = 7;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int INVALID_KE_PAYLOAD = 17;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int SINGLE_PAIR_REQUIRED = 34;
    public static final int NO_ADDITIONAL_SAS = 35;
    public static final int INTERNAL_ADDRESS_FAILURE = 36;
    public static final int FAILED_CP_REQUIRED = 37;
    public static final int TS_UNACCEPTABLE = 38;
    public static final int TEMPORARY_FAILURE = 43;
    public static final int CHILD_SA_NOT_FOUND = 44;

    private final int notifyType;

    IkeProtocolException(int notifyType, String message) {
        super(message == null || message.isEmpty() ? "notify error " + notifyType : message);
        this.notifyType = notifyType;
    }

    /** The IANA Notify Message Error Type. */
    public int notifyType() {
        return notifyType;
    }

    public static IkeProtocolException forNotify(int notifyType, String reason) {
        return switch (notifyType) {
            case INVALID_SYNTAX -> new InvalidSyntaxException(reason);
            case NO_PROPOSAL_CHOSEN -> new NoProposalChosenException(reason);
            case INVALID_KE_PAYLOAD -> new InvalidKePayloadException(reason);
            case AUTHENTICATION_FAILED -> new AuthenticationFailedException(reason);
            case SINGLE_PAIR_REQUIRED -> new SinglePairRequiredException(reason);
            case NO_ADDITIONAL_SAS -> new NoAdditionalSasException(reason);
            case INTERNAL_ADDRESS_FAILURE -> new InternalAddressFailureException(reason);
            case FAILED_CP_REQUIRED -> new FailedCpRequiredException(reason);
            case TS_UNACCEPTABLE -> new TsUnacceptableException(reason);
            case TEMPORARY_FAILURE -> new TemporaryFailureException(reason);
            case CHILD_SA_NOT_FOUND -> new ChildSaNotFoundException(reason);
            default -> new IkeProtocolException(notifyType, reason);
        };
    }

    /** INVALID_SYNTAX (7). */
    public static final class InvalidSyntaxException extends IkeProtocolException {
        public InvalidSyntaxException(String reason) { super(INVALID_SYNTAX, reason); }
    }

    /** SINGLE_PAIR_REQUIRED (34). */
    public static final class SinglePairRequiredException extends IkeProtocolException {
        public SinglePairRequiredException(String reason) { super(SINGLE_PAIR_REQUIRED, reason); }
    }

    /** NO_ADDITIONAL_SAS (35). */
    public static final class NoAdditionalSasException extends IkeProtocolException {
        public NoAdditionalSasException(String reason) { super(NO_ADDITIONAL_SAS, reason); }
    }

    /** INTERNAL_ADDRESS_FAILURE (36). */
    public static final class InternalAddressFailureException extends IkeProtocolException {
        public InternalAddressFailureException(String reason) { super(INTERNAL_ADDRESS_FAILURE, reason); }
    }

    /** FAILED_CP_REQUIRED (37). */
    public static final class FailedCpRequiredException extends IkeProtocolException {
        public FailedCpRequiredException(String reason) { super(FAILED_CP_REQUIRED, reason); }
    }

    /** TEMPORARY_FAILURE (43, RFC 7296 2.25). */
    public static final class TemporaryFailureException extends IkeProtocolException {
        public TemporaryFailureException(String reason) { super(TEMPORARY_FAILURE, reason); }
    }

    /** CHILD_SA_NOT_FOUND (44, RFC 7296 2.25). */
    public static final class ChildSaNotFoundException extends IkeProtocolException {
        public ChildSaNotFoundException(String reason) { super(CHILD_SA_NOT_FOUND, reason); }
    }
}
