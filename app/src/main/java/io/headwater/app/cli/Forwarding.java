package io.headwater.app.cli;

import io.headwater.app.runtime.ControlChannel;
import io.headwater.engine.model.Pipeline;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Hands the current command line to the process that holds the data directory. */
final class Forwarding {
    private Forwarding() {
    }

    static int forward(Pipeline pipeline, CommandSpec spec, Map<String, String> holder) {
        List<String> args = ControlChannel.absolutePaths(spec.commandLine().getParseResult().originalArgs(), Attached.PATH_OPTIONS);
        spec.commandLine().getErr().printf("running in process %s, which holds %s (%s)%n", holder.get("pid"), pipeline.dataDir(), holder.get("command"));
        spec.commandLine().getErr().flush();
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
        return ControlChannel.forward(pipeline.dataDir(), args, out, err, holder.get("pid"));
    }

    /** Bytes to a PrintWriter, as UTF-8. */
    private static final class WriterStream extends java.io.OutputStream {
        private final java.io.PrintWriter writer;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(java.io.PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void flush() {
            writer.print(pending.toString(StandardCharsets.UTF_8));
            writer.flush();
            pending.reset();
        }
    }
}
