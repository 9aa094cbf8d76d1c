package io.headwater.engine.config;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the connection keys of a system: {@code address}, {@code database},
 * {@code user}, {@code password}, {@code path}. A password is a {@link Secret}; it is never quoted
 * in a message.
 */
final class ConnectionSection {
    private static final Pattern HOST_PORT =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})");
    private static final List<String> SQL_SERVER_KEYS = ConfigKey.names(List.of(SystemKeys.ADDRESS, SystemKeys.DATABASE, SystemKeys.USER));

    private final ReadContext context;

    ConnectionSection(ReadContext context) {
        this.context = context;
    }

    Connection read(YamlMap system, String systemId, Optional<SystemKind> kind, boolean embedded) {
        Optional<Scalar> address = SystemKeys.ADDRESS.scalar(system);
        Connection connection = new Connection(
                address.map(Scalar::value).orElse(null),
                SystemKeys.DATABASE.text(system, context).orElse(null),
                SystemKeys.USER.text(system, context).orElse(null),
                password(system, systemId, embedded),
                SystemKeys.PATH.text(system, context).orElse(null),
                scheme(system, kind));
        if (!embedded && kind.isPresent()) {
            checkReachable(system, kind.get(), address);
        }
        return connection;
    }

    /** {@code http} or {@code https}, on a search index only; null when not written (or misplaced, reported). */
    private String scheme(YamlMap system, Optional<SystemKind> kind) {
        Optional<Scalar> scheme = SystemKeys.SCHEME.scalar(system);
        if (scheme.isEmpty() || kind.isEmpty()) {
            return null;
        }
        if (kind.get() != SystemKind.OPENSEARCH && kind.get() != SystemKind.ELASTICSEARCH) {
            Scalar s = scheme.get();
            context.problem(s.line(), s.path(), "applies to an opensearch or elasticsearch system only, not a " + kind.get().configName() + " one");
            return null;
        }
        return SystemKeys.SCHEME.choice(scheme, v -> SystemKeys.SCHEME.type().choices().contains(v) ? Optional.of(v) : Optional.empty(), context)
                .orElse(null);
    }

    private Secret password(YamlMap system, String systemId, boolean embedded) {
        Optional<Scalar> password = SystemKeys.PASSWORD.scalar(system);
        if (password.isEmpty()) {
            return null;
        }
        Scalar p = password.get();
        if (p.fromEnvironment()) {
            return Secret.fromEnvironment(p.variable(), p.value());
        }
        if (embedded) {
            return Secret.literal(p.value());
        }
        context.problem(p.line(), p.path(), "must come from an environment variable, e.g. ${" + variableFor(systemId) + "}");
        return null;
    }

    private static String variableFor(String systemId) {
        String prefix = systemId == null ? "DB" : systemId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return prefix + "_PASSWORD";
    }

    private void checkReachable(YamlMap system, SystemKind kind, Optional<Scalar> address) {
        switch (kind) {
            case POSTGRES, MYSQL -> {
                checkCredentials(system, kind);
                address.ifPresent(this::checkHostPort);
            }
            case KAFKA -> requireAddress(system, kind, address).ifPresent(this::checkHostPortList);
            case REDIS, OPENSEARCH, ELASTICSEARCH -> requireAddress(system, kind, address).ifPresent(this::checkHostPort);
            case H2 -> requireAddress(system, kind, address).ifPresent(this::checkJdbcUrl);
            case LUCENE, MVSTORE, BLOBSTORE -> requirePath(system, kind);
        }
    }

    /** A database server needs an address, a database and a user; a password only where the server asks for one. */
    private void checkCredentials(YamlMap system, SystemKind kind) {
        List<String> missing = new ArrayList<>();
        for (String key : SQL_SERVER_KEYS) {
            if (!system.given(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            context.problem(system.line(), system.path(), "missing credentials: " + String.join(", ", missing)
                    + " (an attached " + kind.configName() + " system needs address, database and user; password when the server asks for one)");
        }
    }

    private Optional<Scalar> requireAddress(YamlMap system, SystemKind kind, Optional<Scalar> address) {
        if (!system.given(SystemKeys.ADDRESS.name())) {
            context.problem(system.line(), system.child(SystemKeys.ADDRESS.name()), "is required for a non-embedded " + kind.configName() + " system");
        }
        return address;
    }

    private void requirePath(YamlMap system, SystemKind kind) {
        if (!system.given(SystemKeys.PATH.name())) {
            context.problem(system.line(), system.child(SystemKeys.PATH.name()), "is required for a non-embedded " + kind.configName() + " system");
        }
    }

    private void checkHostPortList(Scalar address) {
        for (String part : address.value().split(",", -1)) {
            String server = part.trim();
            if (!isHostPort(server)) {
                context.problem(address.line(), address.path(), "'" + server + "' is invalid: expected host:port");
            }
        }
    }

    private void checkHostPort(Scalar address) {
        if (!isHostPort(address.value())) {
            context.problem(address.line(), address.path(), address.quoted() + " is invalid: expected host:port");
        }
    }

    static boolean isHostPort(String text) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            return false;
        }
        int port = Integer.parseInt(m.group(3));
        return port >= 1 && port <= 65535;
    }

    private void checkJdbcUrl(Scalar address) {
        if (!address.value().startsWith("jdbc:h2:")) {
            context.problem(address.line(), address.path(), address.quoted() + " is invalid: expected a JDBC URL starting with jdbc:h2:");
        }
    }
}
