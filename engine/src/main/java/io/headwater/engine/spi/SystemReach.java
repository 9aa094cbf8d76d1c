package io.headwater.engine.spi;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.SystemSpec;

/**
 * Where a system can be reached now: the connection its config declares, or, for a system that
 * Headwater hosts, the address its runtime gave it (an embedded server's port is chosen at start).
 * Must be thread-safe.
 */
@FunctionalInterface
public interface SystemReach {
    /** Attached systems only: every system at the connection its config declares. */
    SystemReach DECLARED = SystemSpec::connection;

    /** How to connect to {@code system} now. */
    Connection connectionOf(SystemSpec system);
}
