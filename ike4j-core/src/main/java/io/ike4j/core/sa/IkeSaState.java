package io.ike4j.core.sa;

/** Life cycle of an IKE SA (RFC 7296 1.2-1.4). */
public enum IkeSaState {
    /** Created, nothing sent or received yet. */
    CREATED,
    /** IKE_SA_INIT/IKE_AUTH in progress (half-open until authenticated). */
    CONNECTING,
    /** Authenticated; CHILD_SAs may exist. */
    ESTABLISHED,
    /** Being rekeyed (CREATE_CHILD_SA for the IKE SA in progress). */
    REKEYING,
    /** A Delete for this IKE SA was sent or received. */
    DELETING,
    /** Gone: keys wiped, removed from the SA table. */
    DESTROYED;

    /** swanctl's spelling for list-sas. */
    public String swanctlName() {
        return name();
    }
}
