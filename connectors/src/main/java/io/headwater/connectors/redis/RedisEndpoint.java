package io.headwater.connectors.redis;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemSpec;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to reach one Redis server: the system's {@code address} (host:port), its {@code database}
 * (the logical database number, 0 when absent), its {@code user} and {@code password} (ACL
 * authentication) and the client properties Lettuce takes ({@code ssl}, {@code verify-peer},
 * {@code client-name}). Hands out connections; a failure to connect becomes a
 * {@link ConnectionException} naming the system and host:port. Thread-safe.
 */
public final class RedisEndpoint implements AutoCloseable {
    /** The system properties this endpoint passes to Lettuce. */
    public static final List<String> PROPERTIES = List.of("ssl", "verify-peer", "client-name");

    private final SystemSpec system;
    private final String address;
    private final RedisClient client;

    private RedisEndpoint(SystemSpec system, String address, RedisClient client) {
        this.system = system;
        this.address = address;
        this.client = client;
    }

    /**
     * The endpoint of {@code system} at {@code live} (its own connection when attached).
     *
     * @param timeout bound on connecting and on each command
     */
    public static RedisEndpoint of(SystemSpec system, Connection live, Duration timeout) {
        String address = live == null ? null : live.address();
        if (address == null) {
            throw new HeadwaterException("system '" + system.id() + "' is of kind redis and has no address: Headwater cannot host a Redis"
                    + " server yet, so a redis system must be attached with address host:port");
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(timeout)
                .withDatabase(database(system, live.database()));
        Secret password = live.password();
        if (password != null && live.user() != null) {
            uri.withAuthentication(live.user(), password.reveal());
        } else if (password != null) {
            uri.withPassword((CharSequence) password.reveal());
        }
        applyProperties(system, system.properties(), uri);
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                // A dropped connection fails the command at once rather than queueing it until a reconnect.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(false)
                .build());
        return new RedisEndpoint(system, address, client);
    }

    private static int database(SystemSpec system, String database) {
        if (database == null || database.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(database.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            throw new HeadwaterException("system '" + system.id() + "': database '" + database
                    + "' is not a Redis logical database number (0, 1, ...)", e);
        }
        throw new HeadwaterException("system '" + system.id() + "': database '" + database
                + "' is not a Redis logical database number (0, 1, ...)");
    }

    private static void applyProperties(SystemSpec system, Map<String, Secret> properties, RedisURI.Builder uri) {
        for (Map.Entry<String, Secret> e : properties.entrySet()) {
            String value = e.getValue().reveal();
            switch (e.getKey()) {
                case "ssl" -> uri.withSsl(Boolean.parseBoolean(value));
                case "verify-peer" -> uri.withVerifyPeer(Boolean.parseBoolean(value));
                case "client-name" -> uri.withClientName(value);
                default -> throw new HeadwaterException("system '" + system.id() + "': property '" + e.getKey()
                        + "' is not one the Redis client takes; it takes " + String.join(", ", PROPERTIES));
            }
        }
    }

    /** The system this endpoint reaches. */
    public SystemSpec system() {
        return system;
    }

    /** host:port, as configured. */
    public String address() {
        return address;
    }

    /**
     * A new connection; the caller closes it.
     *
     * @throws ConnectionException when the server cannot be reached or refuses the credentials
     */
    public StatefulRedisConnection<String, String> connect() {
        try {
            return client.connect();
        } catch (RedisException e) {
            throw unreachable(e);
        }
    }

    /** A failure of a command or of the connection, as a {@link ConnectionException} naming the system and address. */
    ConnectionException unreachable(RedisException e) {
        return new ConnectionException(system.id(), address, describe(e), e);
    }

    /** The innermost message of a Lettuce failure (the "Connection refused" under "Unable to connect to ..."). */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? message : e.getMessage() + ": " + message;
    }

    /** Shuts the client and its event loops down; the server is left running. */
    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
