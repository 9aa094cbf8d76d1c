package io.headwater.engine.discover;

import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.SystemKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads Redis sink connectors: Redis Kafka Connect ({@code redis.uri}, {@code redis.command},
 * {@code redis.keyspace} default {@code ${topic}}, {@code redis.separator} default {@code :}; a record
 * is stored under keyspace + separator + record key) and jcustenborder's ({@code redis.hosts},
 * {@code redis.database}; the record's key and value bytes as they are, with {@code SET}). The name a
 * topic maps to is the key prefix of its records. Stateless.
 */
final class RedisSinks {
    static final String REDIS_KAFKA_CONNECT = "com.redis.kafka.connect.RedisSinkConnector";
    static final String JCUSTENBORDER = "com.github.jcustenborder.kafka.connect.redis.RedisSinkConnector";

    private RedisSinks() {
    }

    static boolean handles(ConnectorSnapshot snapshot) {
        return snapshot.connectorClass().equals(REDIS_KAFKA_CONNECT) || snapshot.connectorClass().equals(JCUSTENBORDER);
    }

    static ConnectorReading read(ConnectorSnapshot snapshot) {
        return snapshot.connectorClass().equals(JCUSTENBORDER) ? readJcustenborder(snapshot) : readRedisKafkaConnect(snapshot);
    }

    private static ConnectorReading readRedisKafkaConnect(ConnectorSnapshot snapshot) {
        SinkBasics b = new SinkBasics(snapshot);
        String uri = b.config.get("redis.uri").orElseGet(() -> "redis://" + b.config.getOr("redis.host", "localhost") + ":"
                + b.config.getOr("redis.port", "6379"));
        Optional<Endpoints.Url> u = Endpoints.parse(uri);
        if (u.isEmpty()) {
            b.unread("redis.uri " + uri.replaceAll("//[^@/]*@", "//***@"), "not a redis:// URI: cannot tell where it writes");
        }
        Endpoints.Url url = u.orElse(new Endpoints.Url("redis", "unknown", 6379, "", null, false));
        String command = b.config.getOr("redis.command", "XADD").toUpperCase(Locale.ROOT);
        RedisLayout layout = switch (command) {
            case "HSET" -> RedisLayout.HASH;
            case "JSONSET" -> RedisLayout.JSON;
            case "SET" -> {
                b.guesses.add("redis.command SET stores the value as one string: read as JSON text");
                yield RedisLayout.JSON;
            }
            default -> null;
        };
        if (layout == null) {
            b.unread("redis.command " + command, "writes a " + command + " structure (stream, list, set, time series), "
                    + "not one record per key; not verified as a copy");
        }
        boolean deletes = !command.equals("XADD");
        String database = url.path().matches("\\d+") ? url.path() : "0";
        SinkStore store = new SinkStore(SystemKind.REDIS, "redis", url.host() + ":" + url.portOr(6379), database, url.user(),
                url.password() || b.hasPassword("redis.password"), layout);
        String keyspace = b.config.getOr("redis.keyspace", "${topic}");
        String separator = b.config.get("redis.separator", "redis.key.separator").orElse(":");
        UnaryOperator<String> naming = topic -> keyspace.replace("${topic}", topic) + separator;
        return new SinkReading(snapshot.name(), snapshot.connectorClass(), store, b.topics, b.topicsRegex, b.transforms, naming,
                List.of(), true, deletes, command, b.consumerGroup, b.guesses, b.unread);
    }

    private static ConnectorReading readJcustenborder(ConnectorSnapshot snapshot) {
        SinkBasics b = new SinkBasics(snapshot);
        List<String> hosts = b.config.list("redis.hosts");
        String address = Endpoints.hostPort(hosts.isEmpty() ? "localhost:6379" : hosts.get(0), 6379);
        if (hosts.size() > 1) {
            b.guesses.add("redis.hosts lists " + hosts.size() + " hosts: the system reads from the first");
        }
        b.unread("redis keys of " + String.join(",", b.topics.isEmpty() ? List.of(String.valueOf(b.topicsRegex)) : b.topics),
                "the sink stores each record's key and value bytes as they are (SET): keys are the record keys without a prefix, "
                        + "which a Headwater redis dataset needs; not verified");
        String database = b.config.getOr("redis.database", "1");
        SinkStore store = new SinkStore(SystemKind.REDIS, "redis", address, database, null, b.hasPassword("redis.password"), null);
        return new SinkReading(snapshot.name(), snapshot.connectorClass(), store, b.topics, b.topicsRegex, b.transforms, topic -> "",
                List.of(), true, true, "SET", b.consumerGroup, b.guesses, b.unread);
    }
}
