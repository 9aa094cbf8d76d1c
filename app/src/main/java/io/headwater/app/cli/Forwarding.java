package io.headwater.app.cli;

import io.headwater.app.runtime.ControlChannel;
import io.headwater.engine.model.Pipeline;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Hands the current command line to the process that holds the data directory. */
final class Forwarding {
    /** Options whose value is a file, unless it is an http(s) URL or {@code -} (the console). */
    static final List<String> FILE_OR_URL_OPTIONS = List.of("--openlineage");

    private Forwarding() {
    }

    static int forward(Pipeline pipeline, CommandSpec spec, Map<String, String> holder) {
        List<String> args = fileTargetsAbsolute(ControlChannel.absolutePaths(spec.commandLine().getParseResult().originalArgs(),
                Attached.PATH_OPTIONS));
        spec.commandLine().getErr().printf("running in process %s, which holds %s (%s)%n", holder.get("pid"), pipeline.dataDir(), holder.get("command"));
        spec.commandLine().getErr().flush();
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
        return ControlChannel.forward(pipeline.dataDir(), args, out, err, holder.get("pid"));
    }

    /**
     * The arguments with the files of {@link #FILE_OR_URL_OPTIONS} made absolute, as the holding process
     * runs elsewhere; URLs and {@code -} stay as they are.
     */
    static List<String> fileTargetsAbsolute(List<String> args) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String a = out.get(i);
            int eq = a.indexOf('=');
            if (eq > 0 && FILE_OR_URL_OPTIONS.contains(a.substring(0, eq))) {
                out.set(i, a.substring(0, eq + 1) + absoluteUnlessUrl(a.substring(eq + 1)));
            } else if (FILE_OR_URL_OPTIONS.contains(a) && i + 1 < out.size()) {
                out.set(i + 1, absoluteUnlessUrl(out.get(i + 1)));
                i++;
            }
        }
        return out;
    }

    private static String absoluteUnlessUrl(String target) {
        return target.equals("-") || target.startsWith("http://") || target.startsWith("https://") ? target : Path.of(target).toAbsolutePath().toString();
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
