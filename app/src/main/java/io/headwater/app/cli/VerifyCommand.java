package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.app.openlineage.EventTransport;
import io.headwater.app.openlineage.OpenLineageEmitter;
import io.headwater.app.openlineage.Transports;
import io.headwater.app.openlineage.VerificationLineage;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.VerificationRecorder;
import io.headwater.app.runtime.discover.ConnectDiscovery;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.lineage.openlineage.PipelineExport;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code headwater verify}: every derived store (or one flow or dataset) checked end to end
 * against the system of record by fingerprints, lag-aware. Exit 0 clean, 1 corruption found.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify derived stores against the system of record: missing, extra, mismatched records; changes in flight kept apart.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--flow", paramLabel = "ID", description = "Only this consume flow (e.g. index-customers).")
    String flowId;

    @Option(names = "--dataset", paramLabel = "SYSTEM.DATASET", description = "Only the flow that feeds this derived dataset.")
    String dataset;

    @Option(names = "--mode", defaultValue = "fast", paramLabel = "MODE", description = "fast (XXH3 where possible) or audit (SHA-256 and a Merkle root). Default ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the full report (every finding) as JSON to FILE.")
    Path report;

    @Option(names = "--max-keys", defaultValue = "20", paramLabel = "N", description = "Keys listed per finding type on the terminal (default ${DEFAULT-VALUE}).")
    int maxKeys;

    @Option(names = "--catch-up-timeout", defaultValue = "120s", paramLabel = "TIME", description = "How long to let derived stores catch up first (default ${DEFAULT-VALUE}).")
    String catchUpTimeout;

    @Option(names = "--openlineage", paramLabel = "URL|FILE",
            description = "Emit OpenLineage run events as it runs: START and COMPLETE (or FAIL) per flow, with data-quality assertions "
                    + "and row counts; to an http(s) endpoint (Marquez), '-' for the console, or appended to a file.")
    String openLineage;

    @Option(names = "--openlineage-namespace", paramLabel = "NS", description = "The jobs' namespace (default: headwater.PIPELINE).")
    String openLineageNamespace;

    @Option(names = "--connect", paramLabel = "URL",
            description = "Discover the pipeline from this Kafka Connect REST API first (as headwater discover does) and verify every sink of it.")
    String connect;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "With --connect: the Kafka brokers' bootstrap servers.")
    String kafka;

    @ParentCommand
    HeadwaterCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Pipeline pipeline = connect == null ? PipelineOptions.load(common) : discovered();
        if (!mode.equals("fast") && !mode.equals("audit")) {
            throw new ParameterException(spec.commandLine(), "--mode '" + mode + "' is not a mode: use fast or audit");
        }
        List<Flow> flows = selectFlows(pipeline);
        return OnPipeline.run(spec, pipeline, "headwater verify", rt -> awaitCatchUp(rt, spec.commandLine().getErr()), rt -> verify(rt, flows));
    }

    /** The pipeline discovered from {@code --connect}, loaded from the config text discovery writes. */
    private Pipeline discovered() {
        if (common.config != null) {
            throw new ParameterException(spec.commandLine(), "give --config FILE or --connect URL, not both");
        }
        ConnectDiscovery.Result r = Discoveries.run(spec, parent, connect, null, kafka, "discovered", null);
        DiscoverCommand.summarize(spec.commandLine().getErr(), r);
        return PipelineOptions.fromText(common, r.yaml(), "discovered from " + connect);
    }

    private List<Flow> selectFlows(Pipeline pipeline) {
        List<Flow> all = FlowVerification.verifiableFlows(pipeline);
        if (flowId != null) {
            return List.of(all.stream().filter(f -> f.id().equals(flowId)).findFirst().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--flow '" + flowId + "' is not a verifiable flow of " + pipeline.name() + "; flows: " + all.stream().map(Flow::id).toList())));
        }
        if (dataset != null) {
            DatasetRef ref = DatasetRef.parse(dataset);
            return List.of(all.stream().filter(f -> f.to().equals(ref)).findFirst().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--dataset '" + dataset + "' is not a verifiable derived dataset of " + pipeline.name() + "; datasets: "
                            + all.stream().map(f -> f.to().toString()).toList())));
        }
        return all;
    }

    private void awaitCatchUp(LivePipeline rt, PrintWriter err) {
        long deadline = System.nanoTime() + io.headwater.engine.model.FieldTag.parseDuration(catchUpTimeout)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--catch-up-timeout '" + catchUpTimeout + "' is not a duration")).toNanos();
        err.println("letting derived stores catch up with the log before verifying");
        while (!rt.caughtUp() && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    private int verify(LivePipeline rt, List<Flow> flows) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerifyOptions options = VerifyOptions.defaults().withMaxKeysListed(Math.max(1, maxKeys)).withAudit(mode.equals("audit"));
        FlowVerification verification = new FlowVerification(rt, options);
        ArrayNode reports = StatusJson.MAPPER.createArrayNode();
        ArrayNode summaries = StatusJson.MAPPER.createArrayNode();
        boolean clean = true;
        try (VerificationRecorder history = VerificationRecorder.open(rt.pipeline()); VerificationLineage lineage = openLineage(rt.pipeline())) {
            for (Flow flow : flows) {
                List<Finding> all = new ArrayList<>();
                Instant started = Instant.now();
                UUID run = lineage == null ? null : lineage.start(flow);
                VerificationResult r;
                try {
                    r = verification.verify(flow, new Cancellation(), new ProgressPrinter(err, "verify " + flow.id()), all::add);
                } catch (RuntimeException e) {
                    if (lineage != null) {
                        lineage.fail(flow, run, e);
                    }
                    throw e;
                }
                if (lineage != null) {
                    lineage.complete(flow, run, r);
                }
                clean &= r.clean();
                ObjectNode full = VerificationJson.result(flow.id(), r, all);
                reports.add(full);
                summaries.add(VerificationJson.result(flow.id(), r, r.findings()));
                VerificationRun saved = history.save(flow, r, mode, started, full);
                if (!common.json) {
                    printSummary(out, flow, r, saved.id());
                }
            }
        }
        if (common.json) {
            out.println(summaries.toPrettyString());
        }
        if (report != null) {
            writeReport(rt.pipeline(), reports);
            err.println("full report: " + report.toAbsolutePath());
        }
        return clean ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** The run events' emitter of --openlineage, or null without it. */
    private VerificationLineage openLineage(Pipeline pipeline) {
        if (openLineage == null) {
            return null;
        }
        Map<String, String> env = parent == null ? System.getenv() : parent.environment();
        EventTransport transport = Transports.open(openLineage, spec.commandLine().getOut(), env, Transports.API_KEY_VARIABLE, true);
        return new VerificationLineage(new OpenLineageEmitter(transport), new PipelineExport(pipeline, openLineageNamespace),
                spec.commandLine().getErr());
    }

    private void printSummary(PrintWriter out, Flow flow, VerificationResult r, long runId) {
        out.printf("%s  %s -> %s  %s%n", flow.id(), r.source(), r.target(), r.clean() ? "CLEAN" : "CORRUPT");
        out.printf("  compared %,d records (source %,d, derived %,d) in %.2f s, %,.0f rows/s; run #%d%n", r.compared(), r.sourceCount(),
                r.targetCount(), r.elapsed().toMillis() / 1000.0, r.rowsPerSecond(), runId);
        out.printf("  missing %,d   extra %,d   mismatched %,d   in flight %,d%s%n", r.counts().missing(), r.counts().extra(),
                r.counts().mismatched(), r.counts().inFlight(), flow.ttlOpt().isPresent() || r.counts().expired() > 0
                        ? String.format("   expired by ttl %,d", r.counts().expired()) : "");
        if (r.counts().keptDeleted() > 0) {
            out.printf("  kept after deletion %,d (flow %s declares deletes: keep; not corruption)%n", r.counts().keptDeleted(), flow.id());
        }
        if (r.merkleRoot() != null) {
            out.println("  merkle root " + r.merkleRoot());
        }
        FindingsText.print(out, r, "derived", false);
    }

    private void writeReport(Pipeline pipeline, ArrayNode results) {
        ObjectNode root = StatusJson.MAPPER.createObjectNode();
        root.put("pipeline", pipeline.name());
        root.put("generated", Instant.now().toString());
        root.put("mode", mode);
        root.set("results", results);
        try {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(report, root.toPrettyString());
        } catch (IOException e) {
            throw new HeadwaterException("cannot write the report to " + report + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
