package io.headwater.engine.spi;

import io.headwater.engine.status.SystemStatus;

/** Reports the health, dataset sizes and lag of one system. Thread-safe. */
public interface SystemMonitor {
    SystemStatus status();
}
