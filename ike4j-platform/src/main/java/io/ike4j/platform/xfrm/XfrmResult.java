package io.ike4j.platform.xfrm;

import java.util.function.Function;

/** The outcome of one XFRM request: a value, or a typed {@link XfrmError}. */
public sealed interface XfrmResult<T> {

    record Ok<T>(T value) implements XfrmResult<T> {
    }

    record Failure<T>(XfrmError error) implements XfrmResult<T> {
    }

    static <T> XfrmResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> XfrmResult<T> failure(XfrmError error) {
        return new Failure<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    default <U> XfrmResult<U> map(Function<T, U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Failure<T> fail -> new Failure<>(fail.error());
        };
    }
}
