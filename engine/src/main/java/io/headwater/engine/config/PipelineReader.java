package io.headwater.engine.config;

import io.headwater.engine.model.Pipeline;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the top level of a config (pipeline, data-dir, demo, connect, systems, flows) and hands on the rest. */
final class PipelineReader {
    private static final List<String> KEYS = ConfigKey.names(PipelineKeys.ALL);

    private final ReadContext context;
    private final Path source;
    private final Path baseDir;

    PipelineReader(ReadContext context, Path source, Path baseDir) {
        this.context = context;
        this.source = source;
        this.baseDir = baseDir;
    }

    Optional<Pipeline> read(Node root) {
        Optional<YamlMap> top = YamlMap.read(root, "", KEYS, context);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = top.get();
        Optional<String> name = PipelineKeys.PIPELINE_NAME.text(map, context);
        Path dataDir = dataDir(PipelineKeys.DATA_DIR.scalar(map), name.orElse("pipeline"));
        SystemSection systems = new SystemSection(context);
        String systemsKey = PipelineKeys.SYSTEMS.name();
        if (!map.has(systemsKey)) {
            context.problem(map.line(), systemsKey, "is required");
        }
        map.list(systemsKey).ifPresent(systems::read);
        List<FlowSection.Draft> flows = new FlowSection(context).read(map.list(PipelineKeys.FLOWS.name()).orElse(List.of()));
        Pipeline pipeline = new PipelineAssembler(context, systems, flows).assemble(name.orElse("?"), source, dataDir);
        boolean demo = PipelineKeys.DEMO.bool(map, context).orElse(false);
        Optional<String> connect = PipelineKeys.CONNECT.text(map, context);
        if (connect.isPresent()) {
            pipeline = pipeline.withConnectUrl(connect.get());
        }
        return Optional.of(demo ? pipeline.asDemo() : pipeline);
    }

    /** The data directory: {@code ~} is the user's home, relative paths resolve against the config's folder. */
    private Path dataDir(Optional<Scalar> configured, String pipelineName) {
        Path home = Path.of(System.getProperty("user.home"));
        if (configured.isEmpty()) {
            return home.resolve(".headwater").resolve(pipelineName);
        }
        Scalar s = configured.get();
        String text = s.value();
        try {
            if (text.equals("~")) {
                return home;
            }
            if (text.startsWith("~/")) {
                return home.resolve(text.substring(2)).normalize();
            }
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            context.problem(s.line(), s.path(), s.quoted() + " is not a valid path: " + e.getReason());
            return home.resolve(".headwater").resolve(pipelineName);
        }
    }
}
