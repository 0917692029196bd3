package io.ike4j.core.engine;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import java.time.InstantSource;
import java.util.Optional;

/**
 * What an engine is built from: configuration, clock, randomness, log, an optional key log (debugging) and the
 * platform's source address lookup (default {@link SourceAddressSelector#NONE}).
 */
public record EngineContext(EngineConfig config, InstantSource clock, RandomSource random, EngineLog log,
                            Optional<KeyLogSink> keyLog, SourceAddressSelector sourceAddresses) {
    public EngineContext {
        if (config == null || clock == null || random == null) throw new IllegalArgumentException("config, clock, random required");
        log = log == null ? EngineLog.NONE : log;
        keyLog = keyLog == null ? Optional.empty() : keyLog;
        sourceAddresses = sourceAddresses == null ? SourceAddressSelector.NONE : sourceAddresses;
    }

    public EngineContext(EngineConfig config, InstantSource clock, RandomSource random, EngineLog log,
                         Optional<KeyLogSink> keyLog) {
        this(config, clock, random, log, keyLog, SourceAddressSelector.NONE);
    }

    public EngineContext(EngineConfig config, InstantSource clock, RandomSource random) {
        this(config, clock, random, EngineLog.NONE, Optional.empty());
    }
}
