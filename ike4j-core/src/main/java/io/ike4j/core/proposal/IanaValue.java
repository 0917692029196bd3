package io.ike4j.core.proposal;

/** An entry of an IANA registry: its assigned number. */
public interface IanaValue {
    int value();
}
