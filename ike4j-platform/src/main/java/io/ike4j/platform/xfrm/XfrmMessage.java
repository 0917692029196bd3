package io.ike4j.platform.xfrm;

/**
 * One decoded netlink message from the XFRM socket. {@code seq} is the netlink sequence number (the
 * request's for answers, 0 for multicast events).
 */
public sealed interface XfrmMessage permits XfrmMessage.Ack, XfrmMessage.Error, XfrmMessage.SaReply,
        XfrmMessage.Other, XfrmMessage.Malformed, XfrmEvent {

    int seq();

    /** NLMSG_ERROR with error 0: the request succeeded. */
    record Ack(int seq) implements XfrmMessage {
    }

    /** NLMSG_ERROR with a negative error: {@code errno} is positive; {@code requestType} is from the echoed header. */
    record Error(int seq, int requestType, int errno, String kernelMessage) implements XfrmMessage {
        public XfrmError toError() {
            return XfrmError.fromKernel(requestType, errno, kernelMessage);
        }
    }

    /** XFRM_MSG_NEWSA / UPDSA: the answer to GETSA and ALLOCSPI, or an SA notification. */
    record SaReply(int seq, XfrmSaInfo sa) implements XfrmMessage {
    }

    /** A well-formed message of a type this decoder does not interpret. */
    record Other(int seq, int type) implements XfrmMessage {
    }

    /** Bytes that do not form what their header promises. */
    record Malformed(int seq, String reason) implements XfrmMessage {
    }
}
