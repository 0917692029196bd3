package io.ike4j.platform.runtime;

import io.ike4j.core.engine.SaEvent;

/** Receives the engine's SA lifecycle events. Called on a virtual thread; exceptions are logged and ignored. */
@FunctionalInterface
public interface SaEventListener {
    void onEvent(SaEvent event);
}
