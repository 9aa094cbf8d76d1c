package io.headwater.tests.foreign;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running parts of one {@link ForeignPipeline}, filled in as they start, and their teardown in the
 * order that leaves nothing behind: traffic and sink first, then the connector (so that its task lets go
 * of the slot), the worker, the slot and publication, the databases, and the broker last. Not thread-safe.
 */
final class PipelineParts {
    CapturePostgres.Server server;
    BrokerJvm broker;
    TopicProgress progress;
    ConnectWorker connect;
    CaptureSlot slot;
    UserSink sink;
    BankLoad load;
    private boolean sourceCreated;
    private boolean sinkCreated;

    /** Creates and seeds the source database, and creates the (empty) sink database. */
    void createDatabases(ForeignPipelineOptions options) {
        try (Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + options.sourceDatabase());
            sourceCreated = true;
            s.execute("CREATE DATABASE " + options.sinkDatabase());
            sinkCreated = true;
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot create the databases of " + options.prefix() + " on "
                    + server.description() + ": " + e.getMessage(), e);
        }
        try (Connection source = openSource(options)) {
            BankSchema.createAndSeed(source, options.customers(), options.accounts());
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot seed the bank in " + options.sourceDatabase() + ": " + e.getMessage(), e);
        }
    }

    Connection openSource(ForeignPipelineOptions options) {
        return open(options.sourceDatabase());
    }

    Connection openSink(ForeignPipelineOptions options) {
        return open(options.sinkDatabase());
    }

    private Connection open(String database) {
        try {
            return server.connect(database);
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot connect to " + database + " on " + server.description() + ": " + e.getMessage(), e);
        }
    }

    /** Tears down whatever was started; returns the failures, in order. */
    List<RuntimeException> teardown(ForeignPipelineOptions options, Duration step) {
        List<RuntimeException> failures = new ArrayList<>();
        attempt(failures, () -> {
            if (load != null) {
                load.close();
            }
        });
        attempt(failures, () -> {
            if (sink != null) {
                sink.close();
            }
        });
        attempt(failures, () -> {
            if (connect != null && connect.jvm().isAlive()) {
                connect.deleteConnector(options.connectorName(), step);
            }
        });
        attempt(failures, () -> {
            if (connect != null) {
                connect.close();
            }
        });
        if (sourceCreated) {
            CaptureSlot capture = slot != null ? slot
                    : new CaptureSlot(server, options.sourceDatabase(), options.slotName(), options.publicationName());
            attempt(failures, () -> capture.dropSlot(step));
            attempt(failures, capture::dropPublication);
        }
        attempt(failures, () -> dropDatabases(options));
        attempt(failures, () -> {
            if (progress != null) {
                progress.close();
            }
        });
        attempt(failures, () -> {
            if (broker != null) {
                broker.close();
            }
        });
        return failures;
    }

    private void dropDatabases(ForeignPipelineOptions options) {
        if (!sourceCreated && !sinkCreated) {
            return;
        }
        try (Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + options.sourceDatabase() + " WITH (FORCE)");
            s.execute("DROP DATABASE IF EXISTS " + options.sinkDatabase() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot drop the databases of " + options.prefix() + " on "
                    + server.description() + ": " + e.getMessage(), e);
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
