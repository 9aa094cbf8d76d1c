package io.headwater.app.cli;

import io.headwater.app.runtime.StoreLayout;
import io.headwater.connectors.debezium.CaptureCleanup;
import io.headwater.connectors.debezium.DebeziumCapture;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.spi.SystemReach;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code headwater cleanup}: drops what this pipeline's own change capture left on its PostgreSQL
 * systems of record, the replication slot {@code hw_<pipeline>} (which keeps the server's WAL while
 * nobody reads it) and the publication {@code hw_<pipeline>_pub}, and forgets the capture's stored
 * offsets so that a later run starts with a fresh snapshot. Attached systems are only written when
 * they are {@code writable} (or named with {@code --allow-write}); an active slot is refused. Exit 0
 * when nothing was refused, 1 when a slot was active, 3 when a system was unreachable or the
 * pipeline is running.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Drop the replication slot and publication this pipeline's change capture left on its PostgreSQL systems of record.")
public final class CleanupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--dry-run", description = "Only say what would be dropped.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pipeline pipeline = PipelineOptions.load(common);
        Optional<Map<String, String>> holder = DataDirLock.holder(pipeline.dataDir());
        if (holder.isPresent()) {
            err.printf("headwater: pipeline %s is run by process %s (%s): its capture streams from its slot; stop it first%n",
                    pipeline.name(), holder.get().get("pid"), holder.get().get("command"));
            return ExitCodes.UNREACHABLE;
        }
        CaptureCleanup cleanup = new CaptureCleanup(pipeline, SystemReach.DECLARED);
        if (cleanup.recordSystems().isEmpty()) {
            out.printf("pipeline %s captures from no PostgreSQL system; nothing to clean up%n", pipeline.name());
            return ExitCodes.OK;
        }
        int code = ExitCodes.OK;
        StoreLayout layout = new StoreLayout(pipeline);
        for (CaptureCleanup.Outcome o : cleanup.run(dryRun)) {
            switch (o.action()) {
                case DROPPED -> {
                    out.println(o.message());
                    if (o.slot().isPresent() && DebeziumCapture.forgetOffsets(layout.captureDir(o.system()))) {
                        out.printf("%s: forgot the capture's stored offsets; the next run takes a fresh snapshot%n", o.system().id());
                    }
                }
                case REFUSED -> {
                    err.println("headwater: " + o.message());
                    code = Math.max(code, ExitCodes.FINDINGS);
                }
                case UNREACHABLE -> {
                    err.println("headwater: " + o.message());
                    code = ExitCodes.UNREACHABLE;
                }
                default -> out.println(o.message());
            }
        }
        return code;
    }
}
