package io.ike4j.platform.runtime;

import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import java.util.List;

/**
 * What the runtime drives: the engine's {@code handle} method ({@code engine::handle}). Called concurrently from
 * virtual threads; the engine serializes per SA internally, so one slow SA never holds up another.
 */
@FunctionalInterface
public interface InputHandler {
    List<EngineOutput> handle(EngineInput input);
}
