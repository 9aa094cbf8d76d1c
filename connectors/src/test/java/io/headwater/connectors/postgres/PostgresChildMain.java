package io.headwater.connectors.postgres;

import java.nio.file.Path;

/**
 * Runs in a child JVM for {@link EmbeddedPostgresServerIT}: starts the server on the directory given
 * as the argument, reports its port on standard output and waits to be killed.
 */
public final class PostgresChildMain {
    private PostgresChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
