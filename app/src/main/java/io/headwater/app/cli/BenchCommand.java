package io.headwater.app.cli;

import io.headwater.app.runtime.DiffBench;
import io.headwater.app.runtime.RebuildBench;
import io.headwater.app.runtime.VerifyBench;
import io.headwater.connectors.verify.CrossEngineSides;
import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headwater bench}: benchmarks that print their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print their figures.",
        subcommands = {BenchCommand.Verify.class, BenchCommand.Rebuild.class, BenchCommand.Diff.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** Runs {@code work} in {@code dir}, or in a temporary directory deleted afterwards. */
    static int inWorkDir(Path dir, java.util.function.ToIntFunction<Path> work) {
        Path used = dir;
        try {
            if (used == null) {
                used = Files.createTempDirectory("headwater-bench");
            }
            return work.applyAsInt(used);
        } catch (IOException e) {
            throw new HeadwaterException("cannot create a working directory: " + e.getMessage(), e);
        } finally {
            if (dir == null && used != null) {
                deleteQuietly(used);
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(BenchCommand.class).debug("cannot delete {}", root, e);
        }
    }

    /** {@code bench verify}: read both sides vs Headwater's verification vs a naive baseline. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Time reading both sides, Headwater's verification and a naive pull-sort-compare on a PostgreSQL table and a derived copy.")
    public static final class Verify implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "Rows in the system of record (default ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--diff-rate", defaultValue = "0", paramLabel = "R", description = "Fraction of seeded differences in the copy (default ${DEFAULT-VALUE}).")
        double diffRate;

        @Option(names = "--store", defaultValue = "lucene", paramLabel = "KIND",
                description = "lucene, h2, postgres, mysql (the machine's MariaDB at 127.0.0.1:3306), redis or opensearch (default ${DEFAULT-VALUE}).")
        String store;

        @Option(names = "--redis", defaultValue = "127.0.0.1:6379", paramLabel = "HOST:PORT",
                description = "The Redis server of --store redis; the copy goes under a new key prefix, deleted after (default ${DEFAULT-VALUE}).")
        String redis;

        @Option(names = "--address", paramLabel = "HOST:PORT", description = "opensearch: a running node to index the copy into (its bench index is deleted after).")
        String address;

        @Option(names = "--dir", paramLabel = "DIR", description = "Working directory (default: a new temporary one, deleted after).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (rows <= 0 || diffRate < 0 || diffRate > 0.5) {
                throw new ParameterException(spec.commandLine(), "--rows must be positive and --diff-rate between 0 and 0.5");
            }
            PrintWriter out = spec.commandLine().getOut();
            return inWorkDir(dir, work -> {
                VerifyBench.Figures f = new VerifyBench(work, spec.commandLine().getErr(), address).run(store, rows, diffRate, redis);
                out.printf("%-8s %12s %6s | %16s | %16s | %16s | %5s %5s | %-9s | %s%n", "store", "rows", "diff", "(a) read both", "(b) verify",
                        "(c) naive", "b/a", "c/b", "findings", "verify heap peak");
                out.printf("%-8s %,12d %6.3f | %6.2f s %6.0fk/s | %6.2f s %6.0fk/s | %6.2f s %6.0fk/s | %5.2f %5.2f | %-9s | %,d MB%n",
                        f.store(), f.rows(), f.diffRate(), f.readSeconds(), f.rows() / f.readSeconds() / 1000, f.verifySeconds(),
                        f.rows() / f.verifySeconds() / 1000, f.naiveSeconds(), f.rows() / f.naiveSeconds() / 1000,
                        f.verifySeconds() / f.readSeconds(), f.naiveSeconds() / f.verifySeconds(), f.findingsMatchSeeds() ? "= seeds" : "DIFFER", f.peakHeapMb());
                out.printf("seeded: %,d mismatched, %,d missing, %,d extra; found: %s%n", f.expectedMismatched(), f.expectedMissing(),
                        f.expectedExtra(), FindingsText.counts(f.result().counts()));
                out.printf("live heap during the verification (a full GC every 2 s): at most %,d MB%n", f.liveHeapMb());
                if (!Double.isNaN(f.storeReadSeconds())) {
                    out.printf("plain read of the %s copy alone (no order): %.2f s, %,.0fk/s; verify / plain read %.2f%n", f.store(),
                            f.storeReadSeconds(), f.rows() / f.storeReadSeconds() / 1000, f.verifySeconds() / f.storeReadSeconds());
                }
                return f.findingsMatchSeeds() ? ExitCodes.OK : ExitCodes.FINDINGS;
            });
        }

    }

    /** {@code bench diff}: a plain read of both sides vs {@code headwater diff}'s comparison, PostgreSQL against PostgreSQL or MariaDB. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Time a plain read of both tables and the diff of a PostgreSQL table against a PostgreSQL or MariaDB copy on this machine's servers.")
    public static final class Diff implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "Rows in the source (default ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--diff-rate", defaultValue = "0", paramLabel = "R", description = "Fraction of seeded differences in the copy (default ${DEFAULT-VALUE}).")
        double diffRate;

        @Option(names = "--target", defaultValue = "postgres", paramLabel = "KIND", description = "postgres or mysql (default ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--push-down", defaultValue = "auto", paramLabel = "MODE", description = "auto, never or always (default ${DEFAULT-VALUE}).")
        String pushDown;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (rows <= 0 || diffRate < 0 || diffRate > 0.5) {
                throw new ParameterException(spec.commandLine(), "--rows must be positive and --diff-rate between 0 and 0.5");
            }
            CrossEngineSides.PushDown mode = switch (pushDown) {
                case "auto" -> CrossEngineSides.PushDown.AUTO;
                case "never" -> CrossEngineSides.PushDown.NEVER;
                case "always" -> CrossEngineSides.PushDown.ALWAYS;
                default -> throw new ParameterException(spec.commandLine(), "--push-down '" + pushDown + "' is not a mode: use auto, never or always");
            };
            PrintWriter out = spec.commandLine().getOut();
            DiffBench.Figures f = new DiffBench(spec.commandLine().getErr()).run(target, rows, diffRate, mode);
            out.printf("%-8s %12s %6s | %16s | %16s | %5s | %-9s | %s%n", "target", "rows", "diff", "(a) read both", "(b) diff", "b/a", "findings", "method");
            out.printf("%-8s %,12d %6.3f | %6.2f s %6.0fk/s | %6.2f s %6.0fk/s | %5.2f | %-9s | %s%n", f.target(), f.rows(), f.diffRate(),
                    f.readSeconds(), f.rows() / f.readSeconds() / 1000, f.diffSeconds(), f.rows() / f.diffSeconds() / 1000,
                    f.diffSeconds() / f.readSeconds(), f.findingsMatchSeeds() ? "= seeds" : "DIFFER", f.method());
            out.printf("seeded: %,d mismatched, %,d missing, %,d extra; found: %s%n", f.expectedMismatched(), f.expectedMissing(),
                    f.expectedExtra(), FindingsText.counts(f.result().counts()));
            return f.findingsMatchSeeds() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    /** {@code bench rebuild}: raw consume of a topic vs a rebuild from it into a store. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Time a raw consume of a change topic and a rebuild from it into a store, in one run.")
    public static final class Rebuild implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "1000000", paramLabel = "N", description = "Change events in the topic (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--store", defaultValue = "lucene", paramLabel = "KIND", description = "lucene, h2, mvstore, redis, opensearch, or postgres or mysql (a table in a "
                + "new database on this machine's server, read and verified against the record after the rebuild) (default ${DEFAULT-VALUE}).")
        String store;

        @Option(names = "--redis", defaultValue = "127.0.0.1:6379", paramLabel = "HOST:PORT",
                description = "The Redis server of --store redis; the store goes under a new key prefix, deleted after (default ${DEFAULT-VALUE}).")
        String redis;

        @Option(names = "--address", paramLabel = "HOST:PORT", description = "opensearch: a running node to rebuild into (its bench index is deleted after).")
        String address;

        @Option(names = "--dir", paramLabel = "DIR", description = "Working directory (default: a new temporary one, deleted after).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (events <= 0) {
                throw new ParameterException(spec.commandLine(), "--events must be positive");
            }
            PrintWriter out = spec.commandLine().getOut();
            return inWorkDir(dir, work -> {
                RebuildBench.Figures f = new RebuildBench(work, spec.commandLine().getErr(), address).run(store, events, redis);
                out.printf("%-8s %12s | %20s | %20s | %s%n", "store", "events", "raw consume", "rebuild", "rebuild/consume");
                out.printf("%-8s %,12d | %7.2f s %7.0fk ev/s | %7.2f s %7.0fk ev/s | %.2f%n", f.store(), f.events(), f.consumeSeconds(),
                        f.consumeRate() / 1000, f.rebuildSeconds(), f.rebuildRate() / 1000, f.rebuildRate() / f.consumeRate());
                if (f.storeCount() != f.events()) {
                    out.printf("store holds %,d records, expected %,d%n", f.storeCount(), f.events());
                    return ExitCodes.FINDINGS;
                }
                RebuildBench.TableCheck t = f.table();
                if (t == null) {
                    return ExitCodes.OK;
                }
                out.printf("%-8s %12s | %20s | %20s | %5s | %-9s | %s%n", "table", "rows", "plain read", "verify", "v/r", "findings", "verify heap peak");
                out.printf("%-8s %,12d | %7.2f s %7.0fk row/s | %7.2f s %7.0fk row/s | %5.2f | %-9s | %,d MB%n", f.store(), t.rowsRead(),
                        t.readSeconds(), t.rowsRead() / t.readSeconds() / 1000, t.verifySeconds(), t.rowsRead() / t.verifySeconds() / 1000,
                        t.verifySeconds() / t.readSeconds(), t.result().clean() ? "clean" : "DIFFER", t.verifyPeakHeapMb());
                out.printf("table at %s verified against the record table in PostgreSQL: %s%n", t.address(), FindingsText.counts(t.result().counts()));
                return t.result().clean() ? ExitCodes.OK : ExitCodes.FINDINGS;
            });
        }
    }
}
