package io.headwater.engine.discover;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads one connector's configuration into what it means ({@link ConnectorReading}): a pure function
 * of the {@link ConnectorSnapshot}, no server asked. Debezium sources, JDBC sinks, Elasticsearch and
 * OpenSearch sinks, Redis sinks and the S3 sink are read; any other connector is an
 * {@link ConnectorReading.Unread} naming its class. Stateless and thread-safe.
 */
public final class ConnectorInterpreters {
    private record Interpreter(Predicate<ConnectorSnapshot> handles, Function<ConnectorSnapshot, ConnectorReading> read) {
    }

    private static final List<Interpreter> INTERPRETERS = List.of(
            new Interpreter(SearchSinks::handles, SearchSinks::read),
            new Interpreter(RedisSinks::handles, RedisSinks::read),
            new Interpreter(S3Sinks::handles, S3Sinks::read),
            new Interpreter(JdbcSinks::handles, JdbcSinks::read),
            new Interpreter(DebeziumSources::handles, DebeziumSources::read));

    private ConnectorInterpreters() {
    }

    /** What {@code snapshot}'s configuration means. */
    public static ConnectorReading read(ConnectorSnapshot snapshot) {
        for (Interpreter i : INTERPRETERS) {
            if (i.handles().test(snapshot)) {
                return i.read().apply(snapshot);
            }
        }
        String cls = snapshot.connectorClass().isEmpty() ? "(none)" : snapshot.connectorClass();
        return new ConnectorReading.Unread(snapshot.name(), cls, List.of(new NotUnderstood(snapshot.name(), "connector.class " + cls,
                "not a connector discovery knows (" + snapshot.type() + "); nothing of it is in the pipeline")));
    }
}
