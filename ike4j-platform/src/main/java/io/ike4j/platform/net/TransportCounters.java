package io.ike4j.platform.net;

/** A snapshot of a {@link UdpTransport}'s counters. */
public record TransportCounters(long ikeReceived, long ikeSent, long keepalivesReceived, long keepalivesSent,
                                long espReceived, long espDropped, long malformedDropped, long sendErrors,
                                long receiveErrors, long espSent) {}
