package io.headwater.connectors.redis;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.StoreException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs commands on one Redis server and turns Lettuce's failures into Headwater's: a command the
 * server refused (WRONGTYPE, EXECABORT, an ACL denial) is a {@link StoreException} naming what was
 * done, the dataset and the address; a connection that failed, closed or did not answer in time is a
 * {@link ConnectionException} naming the system and host:port. Immutable and thread-safe.
 *
 * @param endpoint the server
 * @param timeout  how long to wait for one answer
 * @param subject  what the commands work on, for messages ("dataset cache.customers (layout hash)")
 */
record RedisCalls(RedisEndpoint endpoint, Duration timeout, String subject) {
    /** Runs a synchronous call; {@code what} names it in a failure ("SCAN customer:*"). */
    <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisException e) {
            throw failure(what, e);
        }
    }

    /** Waits for the answer of a pipelined command. */
    <T> T await(String what, RedisFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted during " + what + " of " + subject + " at " + endpoint.address(), e);
        } catch (TimeoutException e) {
            throw new ConnectionException(endpoint.system().id(), endpoint.address(),
                    "no answer within " + timeout.toMillis() + " ms to " + what + " of " + subject, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException r) {
                throw failure(what, r);
            }
            throw new StoreException("cannot " + what + " of " + subject + " at " + endpoint.address() + ": " + RedisEndpoint.describe(e), e);
        }
    }

    /**
     * Queues the commands {@code issue} sends on {@code connection} and writes them to the socket
     * at once, instead of one write per command (Lettuce flushes each command by default); the
     * caller awaits their answers afterwards. The connection must not be shared with another
     * thread meanwhile.
     */
    static <T> T pipelined(StatefulRedisConnection<String, String> connection, Supplier<T> issue) {
        connection.setAutoFlushCommands(false);
        try {
            return issue.get();
        } finally {
            connection.flushCommands();
            connection.setAutoFlushCommands(true);
        }
    }

    /** A command the server refused is the store's problem; anything else the connection's. */
    RuntimeException failure(String what, RedisException e) {
        if (e instanceof RedisCommandExecutionException) {
            return new StoreException("cannot " + what + " of " + subject + " at " + endpoint.address() + ": " + e.getMessage(), e);
        }
        return endpoint.unreachable(e);
    }
}
