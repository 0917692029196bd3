package io.ike4j.daemon;

import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.daemon.log.KeyLogWriter;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.dataplane.DataPlaneException;
import io.ike4j.platform.dataplane.SaCounters;
import java.util.Optional;

/** A data plane that also appends each installed CHILD_SA's keys to the Wireshark key log ({@code --keylog}). */
final class KeyLoggingDataPlane implements DataPlane {
    private final DataPlane delegate;
    private final KeyLogWriter keys;

    KeyLoggingDataPlane(DataPlane delegate, KeyLogWriter keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public void install(ChildSaSpec spec) throws DataPlaneException {
        delegate.install(spec);
        keys.childSa(spec);
    }

    @Override
    public void install(ChildSaSpec spec, boolean outboundDeferred) throws DataPlaneException {
        delegate.install(spec, outboundDeferred);
        keys.childSa(spec);
    }

    @Override
    public boolean remove(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        return delegate.remove(ikeSaId, childSaId, inboundSpi, outboundSpi);
    }

    @Override
    public boolean installTrap(io.ike4j.core.engine.TrapPolicy trap) throws DataPlaneException {
        return delegate.installTrap(trap);
    }

    @Override
    public boolean removeTrap(io.ike4j.core.engine.TrapPolicy trap) {
        return delegate.removeTrap(trap);
    }

    @Override
    public void acquireListener(io.ike4j.platform.dataplane.AcquireListener listener) {
        delegate.acquireListener(listener);
    }

    @Override
    public void expiryListener(io.ike4j.platform.dataplane.ExpiryListener listener) {
        delegate.expiryListener(listener);
    }

    @Override
    public Optional<SaCounters> counters(long ikeSaId, long childSaId) {
        return delegate.counters(ikeSaId, childSaId);
    }

    @Override
    public int installedCount() {
        return delegate.installedCount();
    }

    @Override
    public boolean updateEndpoints(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi,
                                   io.ike4j.core.engine.Endpoint local, io.ike4j.core.engine.Endpoint remote,
                                   boolean udpEncapsulation) {
        return delegate.updateEndpoints(ikeSaId, childSaId, inboundSpi, outboundSpi, local, remote, udpEncapsulation);
    }

    @Override
    public boolean activateOutbound(long ikeSaId, long childSaId, int inboundSpi) {
        return delegate.activateOutbound(ikeSaId, childSaId, inboundSpi);
    }

    @Override
    public boolean reassign(long fromIkeSaId, long toIkeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        return delegate.reassign(fromIkeSaId, toIkeSaId, childSaId, inboundSpi, outboundSpi);
    }

    @Override
    public void addVirtualIp(java.net.InetAddress address, java.net.InetAddress peer) throws DataPlaneException {
        delegate.addVirtualIp(address, peer);
    }

    @Override
    public boolean removeVirtualIp(java.net.InetAddress address) {
        return delegate.removeVirtualIp(address);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
