package io.headwater.app.cli;

import io.headwater.app.runtime.OfflineStatus;
import io.headwater.app.runtime.StoreLayout;
import io.headwater.app.runtime.discover.ConnectorStates;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.status.SystemStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code headwater status}: reachability, datasets, sizes and lag of every system of a config.
 * When another process runs the pipeline's embedded systems, reports what that process publishes.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Report every system of a pipeline: reachable or not, datasets, sizes, lag.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", description = "How long to wait for each system (default ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pipeline pipeline = PipelineOptions.load(common);
        Duration wait = io.headwater.engine.model.FieldTag.parseDuration(timeout)
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout '" + timeout + "' is not a duration"));
        Optional<Map<String, String>> holder = DataDirLock.holder(pipeline.dataDir());
        List<SystemStatus> statuses;
        List<FlowProgress> flows = List.of();
        Path published = new StoreLayout(pipeline).statusFile();
        if (holder.isPresent() && Files.exists(published)) {
            statuses = StatusJson.parse(read(published));
            err.printf("pipeline %s is run by process %s (%s); status as it published it at %s%n", pipeline.name(),
                    holder.get().get("pid"), holder.get().get("command"), lastModified(published));
        } else {
            OfflineStatus.Report report = OfflineStatus.of(pipeline, wait);
            statuses = report.systems();
            flows = report.flows();
        }
        ConnectorStates connectors = ConnectorStates.of(pipeline);
        if (common.json) {
            out.println(ConnectorJson.addTo(StatusJson.render(pipeline, statuses, Map.of(), Instant.now()), connectors));
        } else {
            out.print(StatusText.render(pipeline, statuses, flows));
            out.print(ConnectorText.render(connectors));
        }
        if (connectors.problem() != null) {
            err.println("headwater: " + connectors.problem());
        }
        List<SystemStatus> down = statuses.stream().filter(s -> !s.reachable()).toList();
        for (SystemStatus s : down) {
            err.printf("headwater: system '%s' at %s is unreachable: %s%n", s.systemId(), s.address(), s.message());
        }
        if (!down.isEmpty()) {
            return ExitCodes.UNREACHABLE;
        }
        return connectors.anyFailed() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new HeadwaterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
