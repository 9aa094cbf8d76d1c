package io.headwater.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole described topology, as loaded from one YAML file.
 *
 * @param name    the pipeline's name
 * @param source  the file it was loaded from (for messages); may be null for built pipelines
 * @param dataDir where embedded systems keep their data
 * @param systems every system
 * @param flows   every flow
 * @param demo    whether this is a demonstration pipeline: Headwater creates the demo's bank schema in its
 *                hosted system of record, seeds it and keeps a load running (config key {@code demo: true})
 * @param connectUrl the Kafka Connect REST API whose connectors run its external flows (config key {@code connect}), or null
 */
public record Pipeline(String name, Path source, Path dataDir, List<SystemSpec> systems, List<Flow> flows, boolean demo,
                       String connectUrl) {
    public Pipeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        systems = List.copyOf(systems);
        flows = List.copyOf(flows);
    }

    /** A pipeline with no Kafka Connect cluster named. */
    public Pipeline(String name, Path source, Path dataDir, List<SystemSpec> systems, List<Flow> flows, boolean demo) {
        this(name, source, dataDir, systems, flows, demo, null);
    }

    /** A pipeline that is not a demonstration. */
    public Pipeline(String name, Path source, Path dataDir, List<SystemSpec> systems, List<Flow> flows) {
        this(name, source, dataDir, systems, flows, false);
    }

    /** The Kafka Connect REST API of its external flows, if the config names one. */
    public Optional<String> connectUrlOpt() {
        return Optional.ofNullable(connectUrl);
    }

    /** The same pipeline with its external flows' connectors in the Kafka Connect cluster at {@code url}. */
    public Pipeline withConnectUrl(String url) {
        return new Pipeline(name, source, dataDir, systems, flows, demo, url);
    }

    /** The same pipeline as a demonstration (seeded and loaded by Headwater). */
    public Pipeline asDemo() {
        return new Pipeline(name, source, dataDir, systems, flows, true, connectUrl);
    }

    public Optional<SystemSpec> system(String id) {
        return systems.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Dataset> dataset(DatasetRef ref) {
        return system(ref.system()).flatMap(s -> s.dataset(ref.dataset()));
    }

    public Dataset requireDataset(DatasetRef ref) {
        return dataset(ref).orElseThrow(() -> new IllegalArgumentException("no dataset " + ref + " in pipeline " + name));
    }

    public SystemSpec systemOf(DatasetRef ref) {
        return system(ref.system()).orElseThrow(() -> new IllegalArgumentException("no system " + ref.system() + " in pipeline " + name));
    }

    public Stream<Dataset> datasets() {
        return systems.stream().flatMap(s -> s.datasets().stream());
    }

    public Optional<Flow> flow(String id) {
        return flows.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Flows that read from the given dataset. */
    public List<Flow> flowsFrom(DatasetRef ref) {
        return flows.stream().filter(f -> f.from().equals(ref)).toList();
    }

    /** Flows that write into the given dataset. */
    public List<Flow> flowsInto(DatasetRef ref) {
        return flows.stream().filter(f -> f.to().equals(ref)).toList();
    }

    /** Whether Headwater hosts every system (the embedded demo); otherwise some are attached. */
    public boolean fullyHosted() {
        return systems.stream().allMatch(SystemSpec::hosted);
    }

    /**
     * A copy in which the named attached systems may be written (the command line's
     * {@code --allow-write SYSTEM}).
     *
     * @throws IllegalArgumentException naming an id that is not a system of this pipeline
     */
    public Pipeline allowingWrites(java.util.Collection<String> systemIds) {
        for (String id : systemIds) {
            if (system(id).isEmpty()) {
                throw new IllegalArgumentException("'" + id + "' is not a system of pipeline " + name + "; systems: "
                        + systems.stream().map(SystemSpec::id).toList());
            }
        }
        return new Pipeline(name, source, dataDir, systems.stream().map(s -> systemIds.contains(s.id()) ? s.allowingWrites() : s).toList(), flows, demo, connectUrl);
    }

    /** A copy whose embedded systems live under another data directory. */
    public Pipeline withDataDir(Path dir) {
        return new Pipeline(name, source, dir, systems, flows, demo, connectUrl);
    }

    /** Where an embedded system keeps its files: its {@code path}, or a folder named after it. */
    public Path systemDir(SystemSpec system) {
        return system.connection().pathOpt().map(dataDir::resolve).orElse(dataDir.resolve(system.id()));
    }
}
