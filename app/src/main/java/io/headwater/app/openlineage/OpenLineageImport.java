package io.headwater.app.openlineage;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.ConfigException;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.lineage.openlineage.ConfigSkeleton;
import io.headwater.engine.lineage.openlineage.ImportedLineage;
import io.headwater.engine.model.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports a file of OpenLineage events: the lineage graph they describe, the config skeleton written
 * from it, and — when the skeleton loads as it is — the pipeline it describes. Used by
 * {@code headwater lineage --from-openlineage} and the workbench's File menu. Stateless.
 *
 * @param lineage  the graph the events describe
 * @param skeleton the config text written from it
 * @param pipeline the skeleton loaded, or empty when it needs editing first (see {@code problems})
 * @param problems lines that were not events, and what keeps the skeleton from loading
 */
public record OpenLineageImport(ImportedLineage lineage, String skeleton, Optional<Pipeline> pipeline, List<String> problems) {
    public OpenLineageImport {
        problems = List.copyOf(problems);
    }

    /** Reads {@code events} and builds the graph and the skeleton; reads, never writes. */
    public static OpenLineageImport of(Path events) {
        OpenLineageReader.Result read = OpenLineageReader.read(events);
        ImportedLineage lineage = ImportedLineage.of(read.events());
        String skeleton = ConfigSkeleton.write(lineage, events.getFileName().toString());
        List<String> problems = new ArrayList<>(read.problems());
        Optional<Pipeline> pipeline;
        try {
            Path base = events.toAbsolutePath().getParent();
            pipeline = Optional.of(new PipelineLoader(name -> null).parse(skeleton, skeletonName(events), base));
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(p.render()));
            pipeline = Optional.empty();
        }
        return new OpenLineageImport(lineage, skeleton, pipeline, problems);
    }

    /** {@code events.ndjson} gives {@code events.headwater.yaml}. */
    public static String skeletonName(Path events) {
        String name = events.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".headwater.yaml";
    }

    /** Writes the skeleton to {@code file}. */
    public void writeSkeleton(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, skeleton, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HeadwaterException("cannot write the config skeleton to " + file + ": " + e.getMessage(), e);
        }
    }
}
