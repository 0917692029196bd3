package io.ike4j.core.sa;

import io.ike4j.core.codec.ExchangeType;
import java.util.List;

/**
 * Our one outstanding request (window size 1, RFC 7296 2.3): its message ID, the datagrams to (re)send (more than
 * one when fragmented) and how many times it has been retransmitted (RFC 7296 2.1).
 */
public final class OutstandingRequest {
    private final long messageId;
    private final ExchangeType exchange;
    private final List<byte[]> datagrams;
    private int retransmits;

    public OutstandingRequest(long messageId, ExchangeType exchange, List<byte[]> datagrams) {
        this.messageId = messageId;
        this.exchange = exchange;
        this.datagrams = datagrams.stream().map(byte[]::clone).toList();
    }

    public long messageId() { return messageId; }

    public ExchangeType exchange() { return exchange; }

    public List<byte[]> datagrams() { return datagrams.stream().map(byte[]::clone).toList(); }

    public int retransmits() { return retransmits; }

    /** Counts one retransmission; returns the new count. */
    public int countRetransmit() { return ++retransmits; }
}
