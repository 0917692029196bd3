package io.ike4j.core.engine;

/**
 * One-line log events from the engine, like charon's: a subsystem, the connection name and the IKE SA's unique id
 * (0 when none). Messages never contain key material.
 */
@FunctionalInterface
public interface EngineLog {
    enum Subsystem { IKE, CHILD, NET, ENC, CFG }

    void log(Subsystem subsystem, String connection, long ikeSaId, String message);

    EngineLog NONE = (s, c, id, m) -> { };
}
