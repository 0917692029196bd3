package io.ike4j.core.sa;

/** Life cycle of a CHILD_SA. */
public enum ChildSaState {
    CREATED,
    INSTALLING,
    INSTALLED,
    /** Our rekey of it is in flight. */
    REKEYING,
    /** Replaced by a newer CHILD_SA (rekeyed by either peer): kept for inbound traffic until its Delete (RFC 7296 1.3.3). */
    REKEYED,
    DELETING,
    DESTROYED
}
