package io.ike4j.core.sa;

/** Life cycle of a CHILD_SA. */
public enum ChildSaState {
    CREATED,
    INSTALLING,
    INSTALLED,
    REKEYING,
    DELETING,
    DESTROYED
}
