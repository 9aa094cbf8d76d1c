package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.app.runtime.ChangeLogSource;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.LogAccess;
import io.headwater.connectors.events.LogDecoders;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.replay.KeyLiteral;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.EventLog;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code headwater history}: every change of one record, read from the event log: when, which
 * operation, where in the log, and for updates which fields changed from what to what. The dataset
 * may be a log dataset, a system-of-record dataset (its change-capture topic) or a derived dataset
 * (the topic that feeds it, the key read through the flow's key mapping). Exit 0, or 2 for an
 * unknown dataset or a bad key.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show every change of one record from the event log: when, operation, offset, and changed fields before -> after.")
public final class HistoryCommand implements Callable<Integer> {
    private static final int SHOWN_CHARS = 60;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--dataset", required = true, paramLabel = "SYSTEM.DATASET",
            description = "A log dataset (kafka.customers), a record dataset (pg.customers: its change-capture topic) or a derived one (the topic feeding it).")
    String dataset;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The record's key: 42, id=42, or a=1,b=x for a composite key.")
    String key;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Pipeline pipeline = PipelineOptions.load(common);
        ChangeLogSource subject = resolve(pipeline);
        Row keyRow = parseKey(subject.asked());
        Optional<LivePipeline> attached = Attached.current();
        if (attached.isPresent()) {
            return show(pipeline, subject, keyRow, attached.get().eventLogOf(subject.log().ref()));
        }
        Optional<Map<String, String>> holder = DataDirLock.holder(pipeline.dataDir());
        if (holder.isPresent()) {
            return Forwarding.forward(pipeline, spec, holder.get());
        }
        try (LogAccess access = LogAccess.open(pipeline, pipeline.systemOf(subject.log().ref()), "headwater history")) {
            return show(pipeline, subject, keyRow, access.eventLog());
        }
    }

    private ChangeLogSource resolve(Pipeline pipeline) {
        DatasetRef ref = DatasetRef.parse(dataset);
        Optional<Dataset> found = ref == null ? Optional.empty() : pipeline.dataset(ref);
        Optional<ChangeLogSource> subject = found.flatMap(d -> ChangeLogSource.of(pipeline, d));
        return subject.orElseThrow(() -> new ParameterException(spec.commandLine(), "--dataset '" + dataset + "' has no history in pipeline "
                + pipeline.name() + ": it is not a dataset with a change log; accepted datasets: "
                + pipeline.datasets().filter(d -> ChangeLogSource.of(pipeline, d).isPresent()).map(d -> d.ref().toString()).toList()));
    }

    private Row parseKey(Dataset asked) {
        try {
            return KeyLiteral.parse(asked, key);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key: " + e.getMessage(), e, null, key);
        }
    }

    private int show(Pipeline pipeline, ChangeLogSource subject, Row keyRow, EventLog log) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String topic = subject.log().physicalName();
        boolean topicExists = log.exists(topic);
        ProgressPrinter progress = new ProgressPrinter(err, "reading " + topic);
        List<HistoryEntry> entries = subject.history(log, LogDecoders.forPipeline(pipeline), keyRow, new Cancellation(), progress);
        if (common.json) {
            out.println(json(subject, keyRow, topic, entries).toPrettyString());
        } else {
            printTimeline(out, subject, keyRow, topic, topicExists, entries);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printTimeline(PrintWriter out, ChangeLogSource subject, Row keyRow, String topic, boolean topicExists, List<HistoryEntry> entries) {
        out.printf("history of %s %s, from %s (topic %s%s)%n", subject.asked().ref(), keyText(keyRow), subject.log().ref(), topic,
                subject.flow() == null ? "" : ", through flow " + subject.flow().id());
        if (!topicExists) {
            out.println("  the topic does not exist yet: nothing was captured");
            return;
        }
        if (entries.isEmpty()) {
            out.println("  no change of this key in the log");
            return;
        }
        out.printf("  %-27s  %-8s  %8s  %s%n", "TIME", "OP", "OFFSET", "CHANGES");
        for (HistoryEntry e : entries) {
            List<String> lines = changeLines(e);
            String position = e.position().partition().partition() == 0 ? Long.toString(e.position().offset())
                    : e.position().partition().partition() + ":" + e.position().offset();
            out.printf("  %-27s  %-8s  %8s  %s%n", e.committedAt() == null ? "?" : CanonicalForm.truncate(e.committedAt()),
                    e.op().name().toLowerCase(Locale.ROOT), position, lines.get(0));
            for (String more : lines.subList(1, lines.size())) {
                out.printf("  %-27s  %-8s  %8s  %s%n", "", "", "", more);
            }
        }
        out.printf("%d change(s)%s%n", entries.size(), entries.stream().allMatch(e -> e.transaction() == null)
                ? "; transaction ids are not available from this log's decoder" : "");
    }

    /** What the change did, one line per changed field for updates; the whole record for creates and reads. */
    private static List<String> changeLines(HistoryEntry e) {
        List<String> lines = new ArrayList<>();
        String tx = e.transaction() == null ? "" : "  [tx " + e.transaction() + "]";
        switch (e.op()) {
            case CREATE, SNAPSHOT -> lines.add(e.after().asMap().entrySet().stream().map(f -> f.getKey() + "=" + shown(f.getValue()))
                    .collect(Collectors.joining(", ")) + tx);
            case DELETE -> lines.add("(deleted)" + tx);
            case UPDATE -> {
                for (String f : e.changedFields()) {
                    lines.add(f + ": " + shown(e.before() == null ? null : e.before().get(f)) + " -> " + shown(e.after().get(f)));
                }
                if (lines.isEmpty()) {
                    lines.add("(no field changed)");
                }
                lines.set(0, lines.get(0) + tx);
            }
        }
        return lines;
    }

    private static String keyText(Row key) {
        return key.asMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String shown(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        if (v instanceof Instant i) {
            return CanonicalForm.truncate(i).toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof String s) {
            return "'" + (s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS - 3) + "..." : s) + "'";
        }
        return v.toString();
    }

    private static ObjectNode json(ChangeLogSource subject, Row keyRow, String topic, List<HistoryEntry> entries) {
        ObjectNode root = StatusJson.MAPPER.createObjectNode();
        root.put("dataset", subject.asked().ref().toString());
        root.put("log", subject.log().ref().toString());
        root.put("topic", topic);
        if (subject.flow() != null) {
            root.put("flow", subject.flow().id());
        }
        root.set("key", VerificationJson.row(keyRow));
        ArrayNode changes = root.putArray("changes");
        for (HistoryEntry e : entries) {
            ObjectNode c = changes.addObject();
            c.put("committedAt", e.committedAt() == null ? null : CanonicalForm.truncate(e.committedAt()).toString());
            c.put("op", e.op().name().toLowerCase(Locale.ROOT));
            c.put("partition", e.position().partition().partition());
            c.put("offset", e.position().offset());
            c.put("transaction", e.transaction());
            c.set("changedFields", StatusJson.MAPPER.valueToTree(e.changedFields()));
            if (e.op() == io.headwater.engine.spi.ChangeOp.UPDATE) {
                ObjectNode fields = c.putObject("changes");
                for (String f : e.changedFields()) {
                    ObjectNode fc = fields.putObject(f);
                    fc.set("before", VerificationJson.row(Row.of(f, e.before() == null ? null : e.before().get(f))).get(f));
                    fc.set("after", VerificationJson.row(Row.of(f, e.after().get(f))).get(f));
                }
            }
            if (e.before() == null) {
                c.putNull("before");
            } else {
                c.set("before", VerificationJson.row(e.before()));
            }
            if (e.after() == null) {
                c.putNull("after");
            } else {
                c.set("after", VerificationJson.row(e.after()));
            }
        }
        return root;
    }
}
