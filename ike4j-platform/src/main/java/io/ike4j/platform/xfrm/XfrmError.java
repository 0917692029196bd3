package io.ike4j.platform.xfrm;

/**
 * Why an XFRM request failed: the kernel's errno (positive), the kernel's extended-ack text when it sent one,
 * and a {@link Kind} with a plain explanation. {@code operation} names the request (e.g. "NEWSA").
 */
public record XfrmError(String operation, Kind kind, int errno, String kernelMessage) {

    public enum Kind {
        /** The kernel has no ESP/AH (CONFIG_INET_ESP / CONFIG_INET_AH off): an SA of that protocol cannot exist. */
        NO_IPSEC_PROTOCOL("the kernel has no ESP support (CONFIG_INET_ESP)"),
        /** The kernel's crypto API lacks a requested transform. */
        ALGORITHM_UNAVAILABLE("the kernel lacks the requested crypto algorithm"),
        NOT_FOUND("no such SA or policy"),
        EXISTS("an SA or policy with the same identity already exists"),
        PERMISSION("not permitted (CAP_NET_ADMIN needed)"),
        INVALID("the kernel rejected the request as invalid"),
        TIMEOUT("no answer from the kernel in time"),
        MALFORMED_REPLY("the kernel's answer could not be parsed"),
        SYSTEM("system call failed");

        private final String explanation;

        Kind(String explanation) {
            this.explanation = explanation;
        }

        public String explanation() {
            return explanation;
        }
    }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EAGAIN = 11;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;
    public static final int EBADMSG = 74;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ETIMEDOUT = 110;

    /** Classifies an NLMSG_ERROR answer to a request of netlink type {@code requestType}. */
    public static XfrmError fromKernel(int requestType, int errno, String kernelMessage) {
        String op = operationName(requestType);
        boolean saInstall = requestType == XfrmAbi.XFRM_MSG_NEWSA || requestType == XfrmAbi.XFRM_MSG_UPDSA;
        Kind kind = switch (errno) {
            // xfrm_state_add -> xfrm_init_state: xfrm_get_type() finds no ESP/AH type handler
            case EPROTONOSUPPORT -> saInstall || requestType == XfrmAbi.XFRM_MSG_ALLOCSPI ? Kind.NO_IPSEC_PROTOCOL : Kind.INVALID;
            case ENOSYS -> Kind.ALGORITHM_UNAVAILABLE; // xfrm_*_get_byname found no crypto driver
            case ESRCH, ENOENT -> Kind.NOT_FOUND;
            case EEXIST -> Kind.EXISTS;
            case EPERM -> Kind.PERMISSION;
            default -> Kind.INVALID;
        };
        return new XfrmError(op, kind, errno, kernelMessage);
    }

    static XfrmError local(String operation, Kind kind, int errno, String detail) {
        return new XfrmError(operation, kind, errno, detail);
    }

    /** One line for logs: operation, errno name, explanation, kernel text. Never contains key material. */
    public String message() {
        StringBuilder s = new StringBuilder(operation).append(" failed: ").append(kind.explanation());
        if (errno != 0) s.append(" (").append(errnoName(errno)).append(')');
        if (kernelMessage != null && !kernelMessage.isEmpty()) s.append(": ").append(kernelMessage);
        return s.toString();
    }

    static String operationName(int type) {
        return switch (type) {
            case XfrmAbi.XFRM_MSG_NEWSA -> "NEWSA";
            case XfrmAbi.XFRM_MSG_DELSA -> "DELSA";
            case XfrmAbi.XFRM_MSG_GETSA -> "GETSA";
            case XfrmAbi.XFRM_MSG_NEWPOLICY -> "NEWPOLICY";
            case XfrmAbi.XFRM_MSG_DELPOLICY -> "DELPOLICY";
            case XfrmAbi.XFRM_MSG_GETPOLICY -> "GETPOLICY";
            case XfrmAbi.XFRM_MSG_ALLOCSPI -> "ALLOCSPI";
            case XfrmAbi.XFRM_MSG_UPDPOLICY -> "UPDPOLICY";
            case XfrmAbi.XFRM_MSG_UPDSA -> "UPDSA";
            default -> "XFRM message " + type;
        };
    }

    static String errnoName(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EAGAIN -> "EAGAIN";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            case EBADMSG -> "EBADMSG";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
            case ETIMEDOUT -> "ETIMEDOUT";
            default -> "errno " + errno;
        };
    }

    @Override
    public String toString() {
        return message();
    }
}
