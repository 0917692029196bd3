package io.ike4j.platform.esp;

/** Receives {@link EspEvent}s. Called on the packet thread, so it must be quick and must not throw. */
@FunctionalInterface
public interface EspEventListener {
    EspEventListener IGNORE = e -> { };

    void onEvent(EspEvent event);
}
