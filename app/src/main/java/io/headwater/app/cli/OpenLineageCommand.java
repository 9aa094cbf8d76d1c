package io.headwater.app.cli;

import io.headwater.app.openlineage.OpenLineageEmitter;
import io.headwater.app.openlineage.Transports;
import io.headwater.engine.lineage.openlineage.OpenLineageSpec;
import io.headwater.engine.lineage.openlineage.PipelineExport;
import io.headwater.engine.model.Pipeline;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headwater openlineage}: the pipeline's lineage as OpenLineage events. */
@Command(name = "openlineage", mixinStandardHelpOptions = true,
        description = "OpenLineage (spec " + OpenLineageSpec.VERSION + "): export the pipeline's flows as jobs. "
                + "Import with headwater lineage --from-openlineage FILE.",
        subcommands = {OpenLineageCommand.Export.class})
public final class OpenLineageCommand implements Callable<Integer> {
    @ParentCommand
    HeadwaterCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    Map<String, String> environment() {
        return parent == null ? System.getenv() : parent.environment();
    }

    /** Where the events go: a file, an HTTP endpoint, or (neither given) the console. */
    static final class Target {
        @Option(names = "--out", paramLabel = "FILE.ndjson", description = "Write the events to FILE, one JSON event a line.")
        String out;

        @Option(names = "--url", paramLabel = "URL", description = "POST each event to an OpenLineage endpoint (Marquez: http://host:5000, "
                + "/api/v1/lineage is added when the URL has no path).")
        String url;
    }

    /** {@code openlineage export}: every flow a job, every dataset with its schema, tags and column lineage. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the pipeline as OpenLineage job events: each flow a job, each dataset named after OpenLineage's "
                    + "conventions with its schema, pii:/retention: tags and column lineage.")
    public static final class Export implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @ArgGroup(exclusive = true)
        Target target = new Target();

        @Option(names = "--namespace", paramLabel = "NS", description = "The jobs' namespace (default: headwater.PIPELINE).")
        String namespace;

        @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = Transports.API_KEY_VARIABLE,
                description = "The environment variable holding the endpoint's API key, sent as a bearer token (default ${DEFAULT-VALUE}).")
        String apiKeyEnv;

        @ParentCommand
        OpenLineageCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Pipeline pipeline = PipelineOptions.load(common);
            PipelineExport export = new PipelineExport(pipeline, namespace);
            PrintWriter err = spec.commandLine().getErr();
            String where = target.url != null ? target.url : target.out != null ? target.out : "-";
            Map<String, String> env = parent == null ? System.getenv() : parent.environment();
            try (OpenLineageEmitter emitter = new OpenLineageEmitter(Transports.open(where, spec.commandLine().getOut(), env, apiKeyEnv, false))) {
                emitter.emitAll(export.events(Instant.now()));
                err.printf("openlineage: %d events, %,d bytes, job namespace %s, to %s (spec %s)%n", emitter.events(), emitter.bytes(),
                        export.jobNamespace(), emitter.target(), OpenLineageSpec.VERSION);
            }
            return ExitCodes.OK;
        }
    }
}
