package io.headwater.tests;

import io.headwater.app.cli.HeadwaterCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in this JVM, as a user would type it, and captures its exit code and output. */
public final class CliRun {
    private CliRun() {
    }

    /** What a command line gave: its exit code and what it printed to stdout and stderr. */
    public record Result(int code, String out, String err) {
        /** Both streams, for assertion messages. */
        public String all() {
            return out + err;
        }
    }

    /** Runs {@code args} with this process's environment. */
    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadwaterCommand.run(args, stream(out), stream(err));
        return new Result(code, text(out), text(err));
    }

    /** Runs {@code args} with {@code env} as the environment (passwords, say). */
    public static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadwaterCommand.run(args, stream(out), stream(err), env);
        return new Result(code, text(out), text(err));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
