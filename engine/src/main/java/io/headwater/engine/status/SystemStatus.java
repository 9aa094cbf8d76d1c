package io.headwater.engine.status;

import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.List;

/**
 * The observed state of one system at one moment.
 *
 * @param reachable whether it answered
 * @param address   where it was looked for (never with a password)
 * @param message   a short explanation when unreachable or degraded, else empty
 */
public record SystemStatus(String systemId, SystemKind kind, Role role, boolean reachable, String address, String message,
                           List<DatasetStatus> datasets) {
    public SystemStatus {
        datasets = List.copyOf(datasets);
        message = message == null ? "" : message;
    }

    public static SystemStatus unreachable(String systemId, SystemKind kind, Role role, String address, String message) {
        return new SystemStatus(systemId, kind, role, false, address, message, List.of());
    }
}
