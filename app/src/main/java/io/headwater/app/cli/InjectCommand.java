package io.headwater.app.cli;

import io.headwater.app.runtime.EmbeddedPipeline;
import io.headwater.app.runtime.StoreAccess;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.FaultInjection;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.spi.DerivedSink;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headwater inject}: damages a derived store behind the pipeline's back and says exactly what changed. */
@Command(name = "inject", mixinStandardHelpOptions = true,
        description = "Inject a fault into a derived store (for demos and tests): corrupt, delete, orphan or truncate-blob.")
public final class InjectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--fault", required = true, paramLabel = "KIND", description = "corrupt | delete | orphan | truncate-blob")
    String fault;

    @Option(names = "--dataset", required = true, paramLabel = "SYSTEM.DATASET", description = "A derived dataset, e.g. search.customers.")
    String dataset;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "How many records (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Which records: the same seed picks the same ones (default ${DEFAULT-VALUE}).")
    long seed;

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
        Optional<EmbeddedPipeline> attached = Attached.current();
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
        try {
            return new FaultInjection(sink).inject(kind, count, seed);
        } catch (UnsupportedOperationException e) {
            throw new HeadwaterException("cannot " + kind.configName() + " " + sink.dataset().ref() + ": " + e.getMessage(), e);
        }
    }
}
