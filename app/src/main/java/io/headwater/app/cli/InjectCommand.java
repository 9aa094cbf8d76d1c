package io.headwater.app.cli;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FaultInjector;
import io.headwater.app.runtime.StoreAccess;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.LogPosition;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code headwater inject}: damages a derived store behind the pipeline's back, or makes the
 * consumer of one misbehave (re-deliver or drop log records), and says exactly what changed.
 */
@Command(name = "inject", mixinStandardHelpOptions = true,
        description = {"Inject a fault into a derived store (for demos and tests): corrupt, delete, orphan or truncate-blob;",
                "or make its consumer misbehave: duplicate-delivery (apply the last N log records again) or drop-event (skip the next N)."})
public final class InjectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--fault", required = true, paramLabel = "KIND", description = "corrupt | delete | orphan | truncate-blob | duplicate-delivery | drop-event")
    String fault;

    @Option(names = "--dataset", required = true, paramLabel = "SYSTEM.DATASET", description = "A derived dataset, e.g. search.customers.")
    String dataset;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "How many records, or log records for duplicate-delivery and drop-event (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Which records: the same seed picks the same ones (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--wait", defaultValue = "30s", paramLabel = "TIME",
            description = "duplicate-delivery and drop-event: how long to wait for the consumer to do it (default ${DEFAULT-VALUE}).")
    String wait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Pipeline pipeline = PipelineOptions.load(common);
        Fault kind = Fault.fromConfigName(fault).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--fault '" + fault + "' is not a fault: use one of " + Arrays.stream(Fault.values()).map(Fault::configName).toList()));
        DatasetRef ref = DatasetRef.parse(dataset);
        if (ref == null || pipeline.dataset(ref).isEmpty() || pipeline.systemOf(ref).role() != Role.DERIVED) {
            throw new ParameterException(spec.commandLine(), "--dataset '" + dataset + "' is not a derived dataset of pipeline " + pipeline.name()
                    + "; derived datasets: " + pipeline.datasets().filter(d -> pipeline.systemOf(d.ref()).role() == Role.DERIVED).map(d -> d.ref().toString()).toList());
        }
        if (count <= 0) {
            throw new ParameterException(spec.commandLine(), "--count must be positive, was " + count);
        }
        if (!pipeline.systemOf(ref).mayWrite()) {
            throw ReadOnlyException.refusing("fault injection into " + ref, ref.system());
        }
        if (kind.consumerSide()) {
            Duration timeout = FieldTag.parseDuration(wait)
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--wait '" + wait + "' is not a duration, e.g. 30s"));
            return OnPipeline.run(spec, pipeline, "headwater inject", rt -> { }, rt -> misdeliver(rt, ref, kind, timeout));
        }
        Optional<LivePipeline> attached = Attached.current();
        List<InjectedFault> done;
        if (attached.isPresent()) {
            done = inject(attached.get().sink(ref).orElseThrow(() -> new HeadwaterException("no flow feeds " + ref)), kind);
        } else {
            Optional<Map<String, String>> holder = DataDirLock.holder(pipeline.dataDir());
            if (holder.isPresent()) {
                return Forwarding.forward(pipeline, spec, holder.get());
            }
            try (DataDirLock lock = DataDirLock.acquire(pipeline.dataDir(), "headwater inject");
                 DerivedSink sink = StoreAccess.openSink(pipeline, ref)) {
                done = inject(sink, kind);
            }
        }
        out.printf("injected %d %s fault(s) into %s (the checkpoint is unchanged):%n", done.size(), kind.configName(), ref);
        done.forEach(f -> out.println("  " + f.key().asMap() + "  " + f.change()));
        return ExitCodes.OK;
    }

    private List<InjectedFault> inject(DerivedSink sink, Fault kind) {
        return FaultInjector.damage(sink, kind, count, seed);
    }

    /** Asks the consumer of {@code ref} to re-deliver or drop {@code count} log records and prints which it did. */
    private int misdeliver(LivePipeline rt, DatasetRef ref, Fault kind, Duration timeout) {
        PrintWriter out = spec.commandLine().getOut();
        FlowConsumer consumer = rt.consumer(ref).orElseThrow(() -> new HeadwaterException("no consume flow feeds " + ref + ": nothing to " + kind.configName()));
        String topic = rt.pipeline().requireDataset(consumer.flow().from()).physicalName();
        if (kind == Fault.DROP_EVENT) {
            spec.commandLine().getErr().printf("dropping the next %d log record(s) of %s for %s; waiting up to %s for them to arrive%n",
                    count, topic, ref, wait);
            spec.commandLine().getErr().flush();
        }
        Optional<DeliveryFault> done = FaultInjector.misdeliver(consumer, kind, count, timeout);
        if (done.isEmpty()) {
            out.printf("%s of %d log record(s) of %s for %s is still pending after %s: %s%n", kind.configName(), count, topic, ref, wait,
                    kind == Fault.DROP_EVENT ? "they will be dropped as they arrive, while the pipeline runs" : "the consumer is paused or busy");
            return ExitCodes.FINDINGS;
        }
        print(out, ref, done.get());
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, DatasetRef ref, DeliveryFault done) {
        if (done.fault() == Fault.DUPLICATE_DELIVERY) {
            out.printf("re-delivered %d already-applied log record(s) to %s (flow %s; applied again, the checkpoint is unchanged):%n",
                    done.positions().size(), ref, done.flowId());
        } else {
            out.printf("dropped %d of %d log record(s) before %s (flow %s; the checkpoint moved past them, nothing was applied):%n",
                    done.positions().size(), done.requested(), ref, done.flowId());
        }
        for (LogPosition p : done.positions()) {
            out.println("  " + p + done.eventAt(p).map(e -> "  " + e.op().name().toLowerCase(Locale.ROOT) + " " + e.key().asMap()).orElse("  (no change)"));
        }
    }
}
