package io.headwater.app.cli;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.ConfigException;
import io.headwater.engine.pipeline.DataDirLock;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code headwater} command line: with no arguments it opens the workbench on the demo. */
@Command(name = "headwater", mixinStandardHelpOptions = true, version = "Headwater 0.1.0",
        description = "A workbench for data lineage, integrity, replay and audit.",
        subcommands = {GuiCommand.class, DemoCommand.class, StatusCommand.class, LineageCommand.class, OpenLineageCommand.class, VerifyCommand.class, DiffCommand.class, InjectCommand.class, RebuildCommand.class, HistoryCommand.class, BenchCommand.class, AuditCommand.class, CleanupCommand.class})
public final class HeadwaterCommand implements Callable<Integer> {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    private Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        return new GuiCommand().call();
    }

    /** The environment variables commands read secrets from ({@code PGPASSWORD}, {@code MYSQL_PWD}). */
    Map<String, String> environment() {
        return environment;
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the command line with these environment variables instead of the process's (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        HeadwaterCommand command = new HeadwaterCommand();
        command.environment = Map.copyOf(environment);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            PrintWriter w = line.getErr();
            w.println("headwater: " + ex.getMessage());
            if (debug) {
                w.print(StackTraces.render(ex));
            } else if (!(ex instanceof HeadwaterException)) {
                w.println("(an internal error; run again with --debug for the details)");
            }
            w.flush();
            return exitCodeOf(ex);
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    static int exitCodeOf(Exception ex) {
        if (ex instanceof ConfigException || ex instanceof ReadOnlyException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof ConnectionException || ex instanceof DataDirLock.DataDirBusyException) {
            return ExitCodes.UNREACHABLE;
        }
        return ExitCodes.FINDINGS;
    }
}
