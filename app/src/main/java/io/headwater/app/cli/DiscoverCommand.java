package io.headwater.app.cli;

import io.headwater.app.runtime.discover.ConnectDiscovery;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.ConnectorSnapshot;
import io.headwater.engine.discover.DiscoveredPipeline;
import io.headwater.engine.discover.NotUnderstood;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code headwater discover}: a pipeline config from a running Kafka Connect cluster (or a Debezium
 * Server's properties), read-only. The config goes to {@code --out} or standard output; what was found,
 * guessed and not understood goes to standard error.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Write a pipeline config from a running Kafka Connect cluster: its connectors, their databases' tables, topics and sinks.")
public final class DiscoverCommand implements Callable<Integer> {
    @Option(names = "--connect", paramLabel = "URL", description = "The Kafka Connect REST API, e.g. http://connect:8083.")
    String connect;

    @Option(names = "--debezium-server", paramLabel = "FILE", description = "A Debezium Server application.properties to read instead.")
    Path debeziumServer;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "The Kafka brokers' bootstrap servers (host:port,...).")
    String kafka;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the config to FILE (default: standard output).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "discovered", description = "The pipeline's name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data-dir to write into the config (default: ~/.headwater/<name>).")
    Path dataDir;

    @ParentCommand
    HeadwaterCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConnectDiscovery.Result r = Discoveries.run(spec, parent, connect, debeziumServer, kafka, name, dataDir);
        PrintWriter err = spec.commandLine().getErr();
        if (out == null) {
            spec.commandLine().getOut().print(r.yaml());
            spec.commandLine().getOut().flush();
        } else {
            write(out, r.yaml());
        }
        summarize(err, r);
        if (out != null) {
            err.println("config written to " + out.toAbsolutePath() + "; check it with: headwater verify --config " + out);
        }
        return ExitCodes.OK;
    }

    static void summarize(PrintWriter err, ConnectDiscovery.Result r) {
        DiscoveredPipeline p = r.pipeline();
        err.printf("discovered from %s in %.2f s: %d connectors, %d systems, %d flows%n", p.origin(), r.elapsed().toMillis() / 1000.0,
                p.connectors().size(), p.systems().size(), p.flows().size());
        for (ConnectorSnapshot c : p.connectors()) {
            err.println("  " + c.name() + "  " + c.state().summary());
        }
        for (NotUnderstood n : p.notUnderstood()) {
            err.println("  not understood: " + n);
        }
        err.flush();
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new HeadwaterException("cannot write the discovered config to " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> environment(HeadwaterCommand parent) {
        return parent == null ? System.getenv() : parent.environment();
    }
}
