package io.ike4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IkeExceptionTest {
    @Test
    void notifyErrorsBecomeTheirTypedExceptions() {
        assertThat(IkeException.fromFailure(14, "no match")).isInstanceOf(NoProposalChosenException.class)
                .hasMessage("no match");
        assertThat(IkeException.fromFailure(24, "bad AUTH")).isExactlyInstanceOf(AuthenticationFailedException.class);
        assertThat(IkeException.fromFailure(38, "")).isInstanceOf(TsUnacceptableException.class)
                .hasMessage("notify error 38");
        assertThat(IkeException.fromFailure(17, "wants 31")).isInstanceOf(InvalidKePayloadException.class);
        assertThat(IkeException.fromFailure(7, "x")).isInstanceOf(IkeProtocolException.InvalidSyntaxException.class);
        assertThat(((IkeProtocolException) IkeException.fromFailure(24, "x")).notifyType()).isEqualTo(24);
    }

    @Test
    void unknownErrorTypesKeepTheirNumber() {
        IkeException e = IkeException.fromFailure(9999, "private");
        assertThat(e).isExactlyInstanceOf(IkeProtocolException.class);
        assertThat(((IkeProtocolException) e).notifyType()).isEqualTo(9999);
    }

    @Test
    void failuresWithoutNotifyAreTimeoutsOrInternal() {
        assertThat(IkeException.fromFailure(0, "peer not responding, giving up after 5 retransmits"))
                .isInstanceOf(IkeTimeoutException.class);
        assertThat(IkeException.fromFailure(0, "half-open timeout")).isInstanceOf(IkeTimeoutException.class);
        assertThat(IkeException.fromFailure(0, "no matching PSK")).isInstanceOf(IkeInternalException.class);
        assertThat(IkeException.fromFailure(0, null)).isInstanceOf(IkeInternalException.class);
    }
}
