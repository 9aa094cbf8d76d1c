package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.verify.ColumnPairing;
import io.headwater.connectors.verify.ComparisonPlan;
import io.headwater.connectors.verify.CrossEngineSides;
import io.headwater.connectors.verify.FieldPairing;
import io.headwater.connectors.verify.SqlColumn;
import io.headwater.connectors.verify.TableShape;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Secret;
import io.headwater.engine.spi.Cancellation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code headwater diff SOURCE TARGET --key COLS}: compares two tables in any pair of PostgreSQL,
 * MySQL/MariaDB and H2 databases, with no config, read-only. Fields and types come from the
 * tables' metadata; values are reconciled across engines as {@link ColumnPairing} documents.
 * Exit codes as {@code verify}: 0 equal, 1 differences, 2 usage, 3 unreachable or refused.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two tables, in PostgreSQL, MySQL/MariaDB or H2, row by row: missing, extra and mismatched keys.",
                "URLs: postgresql://user@host:5432/db/schema.table, mysql://user@host:3306/db/table (or mariadb://), h2:/path/db/TABLE.",
                "Passwords come from PGPASSWORD / MYSQL_PWD, or from the variables named by --source-password-env / --target-password-env."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The table taken as right.")
    String sourceUrl;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The table checked against it.")
    String targetUrl;

    @Option(names = "--key", required = true, split = ",", paramLabel = "COLS", description = "The key columns, comma-separated (the same names on both sides).")
    List<String> key;

    @Option(names = "--columns", split = ",", paramLabel = "C", description = "The columns to compare (default: every column both tables have).")
    List<String> columns;

    @Option(names = "--where", paramLabel = "SQL", description = "A condition applied to both tables, in their SQL.")
    String where;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the full report (every finding) as JSON to FILE.")
    Path report;

    @Option(names = "--max-keys", defaultValue = "20", paramLabel = "N", description = "Keys listed per finding type on the terminal (default ${DEFAULT-VALUE}).")
    int maxKeys;

    @Option(names = "--source-password-env", paramLabel = "VAR", description = "The environment variable holding the source's password.")
    String sourcePasswordEnv;

    @Option(names = "--target-password-env", paramLabel = "VAR", description = "The environment variable holding the target's password.")
    String targetPasswordEnv;

    @Option(names = "--push-down", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (measure a sample when both tables are in one engine), never, or always (default ${DEFAULT-VALUE}).")
    String pushDown;

    @ParentCommand
    HeadwaterCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = parent == null ? System.getenv() : parent.environment();
        DiffUrl source = url(sourceUrl, env);
        DiffUrl target = url(targetUrl, env);
        CrossEngineSides.PushDown mode = pushDownMode();
        JdbcEndpoint sourceEndpoint = JdbcEndpoint.of(source.system("source", password(source, sourcePasswordEnv, "--source-password-env", env), Role.RECORD));
        JdbcEndpoint targetEndpoint = JdbcEndpoint.of(target.system("target", password(target, targetPasswordEnv, "--target-password-env", env), Role.DERIVED));
        TableShape sourceShape = CrossEngineSides.describeTable(sourceEndpoint, source.table());
        TableShape targetShape = CrossEngineSides.describeTable(targetEndpoint, target.table());
        List<Field> fields = fields(sourceShape, targetShape);
        Dataset sourceTable = source.dataset("source", key, fields);
        Dataset targetTable = target.dataset("target", key, fields);
        Flow flow = new Flow("diff", FlowKind.COPY, sourceTable.ref(), targetTable.ref(), List.of());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Finding> all = new ArrayList<>();
        Verifier verifier = new Verifier(VerifyOptions.defaults().withMaxKeysListed(Math.max(1, maxKeys))).withFindingSink(all::add);
        VerificationResult r;
        ComparisonPlan plan;
        try (CrossEngineSides.SidePair sides = CrossEngineSides.open(sourceEndpoint, sourceTable, targetEndpoint, targetTable, flow, where, mode)) {
            plan = sides.plan();
            if (!json) {
                printPlan(out, source, target, plan);
            }
            r = verifier.verify(sides.source(), sides.target(), new Cancellation(), new ProgressPrinter(err, "diff"));
        }
        if (json) {
            out.println(DiffJson.result(source.display(), target.display(), plan, r, r.findings()).toPrettyString());
        } else {
            printSummary(out, r);
        }
        if (report != null) {
            writeReport(DiffJson.result(source.display(), target.display(), plan, r, all));
            err.println("full report: " + report.toAbsolutePath());
        }
        return r.clean() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private DiffUrl url(String text, Map<String, String> env) {
        try {
            String login = System.getProperty("user.name");
            return DiffUrl.parse(text, env.getOrDefault(text.startsWith("postgres") ? "PGUSER" : "USER", login));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private CrossEngineSides.PushDown pushDownMode() {
        return switch (pushDown) {
            case "auto" -> CrossEngineSides.PushDown.AUTO;
            case "never" -> CrossEngineSides.PushDown.NEVER;
            case "always" -> CrossEngineSides.PushDown.ALWAYS;
            default -> throw new ParameterException(spec.commandLine(), "--push-down '" + pushDown + "' is not a mode: use auto, never or always");
        };
    }

    /** The password from the variable named by the option, else from the ecosystem's own variable, else none. */
    private Secret password(DiffUrl url, String optionVariable, String option, Map<String, String> env) {
        if (optionVariable != null) {
            String value = env.get(optionVariable);
            if (value == null) {
                throw new ParameterException(spec.commandLine(), option + " names " + optionVariable + ", which is not set");
            }
            return Secret.fromEnvironment(optionVariable, value);
        }
        String variable = url.passwordVariable();
        String value = variable == null ? null : env.get(variable);
        return value == null ? null : Secret.fromEnvironment(variable, value);
    }

    /** The key and compared columns, each typed by its target column's own kind (the pairing decides the compared type). */
    private List<Field> fields(TableShape source, TableShape target) {
        List<String> names = new ArrayList<>(key);
        if (columns != null) {
            columns.stream().filter(c -> key.stream().noneMatch(c::equalsIgnoreCase)).forEach(names::add);
        } else {
            for (SqlColumn c : target.columns()) {
                if (key.stream().noneMatch(k -> k.equalsIgnoreCase(c.name())) && source.column(c.name()).isPresent()) {
                    names.add(c.name());
                }
            }
        }
        List<Field> out = new ArrayList<>();
        for (String n : names) {
            requireColumn(source, n, "SOURCE");
            SqlColumn t = requireColumn(target, n, "TARGET");
            out.add(new Field(n, ColumnPairing.of(t, t).type()));
        }
        return out;
    }

    private SqlColumn requireColumn(TableShape table, String name, String which) {
        return table.column(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                which + " table " + table.displayName() + " has no column '" + name + "'; it has " + table.columns().stream().map(SqlColumn::name).toList()));
    }

    private void printPlan(PrintWriter out, DiffUrl source, DiffUrl target, ComparisonPlan plan) {
        out.printf("diff %s%n  against %s%n", source.display(), target.display());
        for (FieldPairing p : plan.fields()) {
            out.printf("  %-4s %-20s %s ~ %s: %s%n", p.key() ? "key" : "", p.name(), p.sourceColumn().typeName(), p.targetColumn().typeName(),
                    p.pairing().rule());
        }
        out.printf("  %s (%s)%n", plan.pushDown() ? "checksums computed in the databases" : "both sides read in key order and hashed here", plan.reason());
        out.flush();
    }

    private void printSummary(PrintWriter out, VerificationResult r) {
        out.printf("%s%n", r.clean() ? "EQUAL" : "DIFFERENT");
        out.printf("  compared %,d records (source %,d, target %,d) in %.2f s, %,.0f rows/s%n", r.compared(), r.sourceCount(), r.targetCount(),
                r.elapsed().toMillis() / 1000.0, r.rowsPerSecond());
        out.printf("  missing %,d   extra %,d   mismatched %,d%n", r.counts().missing(), r.counts().extra(), r.counts().mismatched());
        FindingsText.print(out, r, "target", true);
    }

    private void writeReport(ObjectNode result) {
        ObjectNode root = StatusJson.MAPPER.createObjectNode();
        root.put("generated", Instant.now().toString());
        root.put("command", "diff");
        ArrayNode results = root.putArray("results");
        results.add(result);
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
}
