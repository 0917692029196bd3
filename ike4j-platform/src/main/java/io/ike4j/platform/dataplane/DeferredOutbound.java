package io.ike4j.platform.dataplane;

import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.core.sa.ChildSaSpec.DirectionKeys;
import io.ike4j.platform.xfrm.XfrmDirection;
import io.ike4j.platform.xfrm.XfrmPolicy;
import java.util.Arrays;
import java.util.List;

/**
 * The outbound half of a CHILD_SA that the XFRM data plane holds back (RFC 7296 1.3.3, the responder of a rekey):
 * its own copy of the outbound keys (the caller may wipe the spec's), and the out policies whose template is to
 * point at it once it is installed. {@link #wipe()} clears the keys, whether it was installed or dropped.
 *
 * @param spec        the CHILD_SA (addresses, ports, mode, reqid, lifetimes; its keys are not used)
 * @param outbound    the copied outbound keys
 * @param outPolicies the CHILD_SA's out policies
 */
record DeferredOutbound(ChildSaSpec spec, DirectionKeys outbound, List<XfrmPolicy> outPolicies) {

    static DeferredOutbound of(ChildSaSpec spec, List<XfrmPolicy> policies) {
        DirectionKeys k = spec.outbound();
        byte[] ek = k.encryptionKey();
        byte[] ik = k.integrityKey();
        try {
            DirectionKeys copy = new DirectionKeys(k.spi(), k.encryption(), k.encryptionKeyBits(), k.integrity(), ek, ik);
            return new DeferredOutbound(spec, copy,
                    policies.stream().filter(p -> p.id().direction() == XfrmDirection.OUT).toList());
        } finally {
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ik, (byte) 0);
        }
    }

    void wipe() {
        outbound.wipe();
    }

    @Override
    public String toString() {
        return "DeferredOutbound[spi=" + Integer.toHexString(outbound.spi()) + "]";
    }
}
