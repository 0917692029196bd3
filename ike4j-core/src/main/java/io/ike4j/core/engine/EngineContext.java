package io.ike4j.core.engine;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import java.time.InstantSource;
import java.util.Optional;

/** What an engine is built from: configuration, clock, randomness, log and an optional key log (debugging). */
public record EngineContext(EngineConfig config, InstantSource clock, RandomSource random, EngineLog log,
                            Optional<KeyLogSink> keyLog) {
    public EngineContext {
        if (config == null || clock == null || random == null) throw new IllegalArgumentException("config, clock, random required");
        log = log == null ? EngineLog.NONE : log;
        keyLog = keyLog == null ? Optional.empty() : keyLog;
    }

    public EngineContext(EngineConfig config, InstantSource clock, RandomSource random) {
        this(config, clock, random, EngineLog.NONE, Optional.empty());
    }
}
