package io.headwater.app.cli;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.spi.ProgressListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a command against the running pipeline of a data directory, wherever it runs: in this
 * process (a forwarded command), in the process that holds the directory (the command is forwarded
 * there), or — when nobody runs it — in a pipeline started here for the command and stopped after.
 */
final class OnPipeline {
    private OnPipeline() {
    }

    /**
     * @param command how this run is described to other processes ({@code headwater verify})
     * @param beforeWork what to do with a pipeline started here before the work (e.g. let stores catch up)
     */
    static int run(CommandSpec spec, Pipeline pipeline, String command, java.util.function.Consumer<LivePipeline> beforeWork,
                   ToIntFunction<LivePipeline> work) {
        Optional<LivePipeline> attached = Attached.current();
        if (attached.isPresent()) {
            return work.applyAsInt(attached.get());
        }
        Optional<Map<String, String>> holder = DataDirLock.holder(pipeline.dataDir());
        if (holder.isPresent()) {
            return Forwarding.forward(pipeline, spec, holder.get());
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener steps = (done, total, what) -> err.printf("[%d/%d] %s%n", done, total, what);
        try (LivePipeline rt = LivePipeline.start(pipeline, new LivePipeline.Options(command, 0), steps)) {
            beforeWork.accept(rt);
            return work.applyAsInt(rt);
        }
    }
}
