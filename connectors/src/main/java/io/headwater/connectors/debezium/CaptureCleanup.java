package io.headwater.connectors.debezium;

import io.headwater.connectors.postgres.PostgresEndpoint;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.SystemReach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and drops what a pipeline's own change capture left on its PostgreSQL systems of record:
 * the slot {@code hw_<pipeline>} and the publication {@code hw_<pipeline>_pub}. It looks at every
 * PostgreSQL system that a cdc flow of the pipeline reads. It drops only where Headwater may write
 * ({@link SystemSpec#mayWrite()}: hosted, or attached and {@code writable}); on any other system it
 * only reports what it sees. It never touches a slot that a flow declares as the one its external
 * connector reads, and refuses an active slot.
 *
 * <p>Also gives the warnings to show at start-up: inactive {@code hw_*} slots whose retained WAL is
 * piling up. Stateless apart from its arguments; thread-safe.
 */
public final class CaptureCleanup {
    /** Retained WAL below this (one WAL segment) is not worth a warning. */
    public static final long DEFAULT_WARN_BYTES = 16L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CaptureCleanup.class);

    private final Pipeline pipeline;
    private final SystemReach reach;

    /**
     * @param pipeline the pipeline whose capture leftovers to handle
     * @param reach    where each system can be reached now ({@link SystemReach#DECLARED} for attached ones)
     */
    public CaptureCleanup(Pipeline pipeline, SystemReach reach) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.reach = Objects.requireNonNull(reach, "reach");
    }

    /** The slot this pipeline's capture uses. */
    public String slotName() {
        return DebeziumCapture.slotName(pipeline.name());
    }

    /** What cleanup did, or would do, on one system of record. */
    public enum Action {
        /** The slot and/or publication were dropped. */
        DROPPED,
        /** A dry run: they would be dropped. */
        WOULD_DROP,
        /** Neither exists. */
        NOTHING,
        /** They exist but Headwater may not write there, or the slot belongs to an external flow. */
        LEFT_ALONE,
        /** The slot is active: a capture streams from it. */
        REFUSED,
        /** The system could not be reached. */
        UNREACHABLE,
        /** A hosted server that is not running: its slots live in the data directory. */
        NOT_RUNNING
    }

    /**
     * The outcome on one system.
     *
     * @param system  the system of record
     * @param action  what happened
     * @param slot    the slot as it was before, if it existed
     * @param message one line for people, naming the system, address, slot and publication
     */
    public record Outcome(SystemSpec system, Action action, Optional<CaptureSlots.CaptureSlot> slot, String message) {
    }

    /** The PostgreSQL systems that a cdc flow of the pipeline reads. */
    public List<SystemSpec> recordSystems() {
        return pipeline.flows().stream().filter(f -> f.kind() == FlowKind.CDC).map(f -> pipeline.systemOf(f.from()))
                .filter(s -> s.kind() == SystemKind.POSTGRES).distinct().toList();
    }

    /** Drops (or, with {@code dryRun}, only reports) this pipeline's slot and publication on each system of record. */
    public List<Outcome> run(boolean dryRun) {
        List<Outcome> out = new ArrayList<>();
        for (SystemSpec system : recordSystems()) {
            out.add(clean(system, dryRun));
        }
        return out;
    }

    private Outcome clean(SystemSpec system, boolean dryRun) {
        Connection connection = reach.connectionOf(system);
        if (connection.address() == null) {
            return new Outcome(system, Action.NOT_RUNNING, Optional.empty(), system.id() + ": hosted by headwater and not running; "
                    + "its slots are kept in its data directory and go with it");
        }
        CaptureSlots slots = new CaptureSlots(PostgresEndpoint.of(system, connection));
        String where = system.id() + " at " + slots.endpoint().where();
        String slot = slotName();
        String publication = slot + "_pub";
        try {
            Optional<CaptureSlots.CaptureSlot> found = slots.find(slot);
            boolean hasPublication = slots.publicationExists(publication);
            String what = found.map(s -> "slot " + slot + " (" + s.describe() + ")").orElse("")
                    + (found.isPresent() && hasPublication ? " and " : "") + (hasPublication ? "publication " + publication : "");
            if (found.isEmpty() && !hasPublication) {
                return new Outcome(system, Action.NOTHING, found, where + ": no slot " + slot + " or publication " + publication + "; nothing to drop");
            }
            Optional<Flow> observer = observedBy(system, slot);
            if (observer.isPresent()) {
                return new Outcome(system, Action.LEFT_ALONE, found, where + ": " + what + " left alone: flow " + observer.get().id()
                        + " declares slot " + slot + " as the one its connector reads");
            }
            if (!system.mayWrite()) {
                return new Outcome(system, Action.LEFT_ALONE, found, where + ": " + what + " left alone: " + system.id()
                        + " is attached and not writable (add writable: true to system " + system.id() + ", or pass --allow-write "
                        + system.id() + ", to drop it)");
            }
            if (found.isPresent() && found.get().active()) {
                return new Outcome(system, Action.REFUSED, found, where + ": slot " + slot + " is " + found.get().describe()
                        + ": a capture is streaming from it; stop the pipeline that runs it first");
            }
            if (dryRun) {
                return new Outcome(system, Action.WOULD_DROP, found, where + ": would drop " + what);
            }
            CaptureSlots.Dropped dropped = slots.drop(slot);
            String done = dropped.slot().map(s -> "slot " + slot + " (" + s.describe() + ")").orElse("")
                    + (dropped.slot().isPresent() && dropped.publication() ? " and " : "") + (dropped.publication() ? "publication " + publication : "");
            return new Outcome(system, dropped.anything() ? Action.DROPPED : Action.NOTHING, dropped.slot(),
                    where + (dropped.anything() ? ": dropped " + done : ": nothing left to drop"));
        } catch (CaptureSlots.SlotActiveException e) {
            return new Outcome(system, Action.REFUSED, Optional.empty(), where + ": " + e.getMessage());
        } catch (io.headwater.engine.ConnectionException e) {
            return new Outcome(system, Action.UNREACHABLE, Optional.empty(), e.getMessage());
        }
    }

    private Optional<Flow> observedBy(SystemSpec system, String slot) {
        return pipeline.flows().stream().filter(f -> f.external() && f.from().system().equals(system.id()) && slot.equals(f.observe().slot()))
                .findFirst();
    }

    /**
     * Warnings about inactive Headwater slots on the pipeline's systems of record that retain at
     * least {@code minRetainedBytes} of WAL, one line each: {@code slot hw_x on host:port: inactive,
     * 3.2 GB of WAL retained since LSN 0/3000148; run headwater cleanup --config FILE}. A system
     * that cannot be asked gives a line saying so; a hosted server that is not running gives none.
     *
     * @param configFile the config to name in the advice (this pipeline's)
     */
    public List<String> warnings(Path configFile, long minRetainedBytes) {
        List<String> out = new ArrayList<>();
        Set<String> declared = pipeline.flows().stream().map(f -> f.observe().slot()).filter(Objects::nonNull).collect(Collectors.toSet());
        for (SystemSpec system : recordSystems()) {
            Connection connection = reach.connectionOf(system);
            if (connection.address() == null) {
                continue;
            }
            CaptureSlots slots = new CaptureSlots(PostgresEndpoint.of(system, connection));
            try {
                for (CaptureSlots.CaptureSlot s : slots.list()) {
                    if (s.active() || s.retainedBytes() < minRetainedBytes || declared.contains(s.name())) {
                        continue;
                    }
                    String advice = s.name().equals(slotName())
                            ? "run headwater cleanup --config " + configFile
                            : "left by the capture of another pipeline; run headwater cleanup with that pipeline's config";
                    out.add("slot " + s.name() + " on " + slots.endpoint().address() + ": " + s.describe() + "; " + advice);
                }
            } catch (HeadwaterException e) {
                LOG.debug("Cannot list the replication slots of {}", system.id(), e);
                out.add("cannot check the replication slots of " + system.id() + " at " + slots.endpoint().address() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
