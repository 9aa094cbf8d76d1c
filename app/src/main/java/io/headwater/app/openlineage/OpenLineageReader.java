package io.headwater.app.openlineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.lineage.openlineage.Facet;
import io.headwater.engine.lineage.openlineage.LineageEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads OpenLineage events, one JSON object a line (what {@code headwater openlineage export --out},
 * Marquez's and OpenLineage's file transports write). Run, job and dataset events are read with the
 * facets Headwater knows ({@link Facet}); other facets are skipped. A line that is not an event is
 * skipped and reported as {@code file:line: problem}, so one bad line loses nothing else. Stateless.
 */
public final class OpenLineageReader {
    /** The events read and the lines that could not be. */
    public record Result(List<LineageEvent> events, List<String> problems) {
        public Result {
            events = List.copyOf(events);
            problems = List.copyOf(problems);
        }
    }

    /** A line that is not an event, with why. */
    private static final class BadEvent extends Exception {
        private static final long serialVersionUID = 1L;

        BadEvent(String message) {
            super(message, null, false, false);
        }
    }

    private OpenLineageReader() {
    }

    /**
     * Reads a file of events.
     *
     * @throws HeadwaterException when the file cannot be read
     */
    public static Result read(Path file) {
        List<LineageEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(event(OpenLineageJson.MAPPER.readTree(line)));
                } catch (JsonProcessingException e) {
                    problems.add(file + ":" + number + ": not JSON: " + e.getOriginalMessage());
                } catch (BadEvent e) {
                    problems.add(file + ":" + number + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new HeadwaterException("cannot read OpenLineage events from " + file + ": " + e.getMessage(), e);
        }
        return new Result(events, problems);
    }

    /** One event from its JSON. */
    static LineageEvent event(JsonNode n) throws BadEvent {
        if (!n.isObject()) {
            throw new BadEvent("not an event: expected a JSON object");
        }
        Instant time = time(text(n, "eventTime"));
        if (n.hasNonNull("dataset") && !n.hasNonNull("job")) {
            return new LineageEvent.DatasetEvent(time, dataset(n.get("dataset")));
        }
        LineageEvent.Job job = job(object(n, "job"));
        List<LineageEvent.Dataset> inputs = datasets(n.get("inputs"));
        List<LineageEvent.Dataset> outputs = datasets(n.get("outputs"));
        if (!n.hasNonNull("run")) {
            return new LineageEvent.JobEvent(time, job, inputs, outputs);
        }
        JsonNode run = n.get("run");
        String runId = text(run, "runId");
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            id = UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8));
        }
        String type = n.path("eventType").asText("OTHER").toUpperCase(Locale.ROOT);
        LineageEvent.EventType eventType;
        try {
            eventType = LineageEvent.EventType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new BadEvent("eventType '" + type + "' is not one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER");
        }
        return new LineageEvent.Run(eventType, time, id, List.of(), job, inputs, outputs);
    }

    private static LineageEvent.Job job(JsonNode j) throws BadEvent {
        List<Facet> facets = new ArrayList<>();
        JsonNode type = j.path("facets").path("jobType");
        if (type.isObject() && type.hasNonNull("processingType") && type.hasNonNull("integration")) {
            facets.add(new Facet.JobType(type.get("processingType").asText(), type.get("integration").asText(),
                    type.hasNonNull("jobType") ? type.get("jobType").asText() : null));
        }
        return new LineageEvent.Job(text(j, "namespace"), text(j, "name"), facets);
    }

    private static List<LineageEvent.Dataset> datasets(JsonNode array) throws BadEvent {
        List<LineageEvent.Dataset> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new BadEvent("inputs and outputs must be arrays");
        }
        for (JsonNode d : array) {
            out.add(dataset(d));
        }
        return out;
    }

    private static LineageEvent.Dataset dataset(JsonNode d) throws BadEvent {
        List<Facet> facets = new ArrayList<>();
        JsonNode f = d.path("facets");
        JsonNode schema = f.path("schema").path("fields");
        if (schema.isArray()) {
            List<Facet.SchemaField> fields = new ArrayList<>();
            for (JsonNode field : schema) {
                if (field.hasNonNull("name")) {
                    fields.add(new Facet.SchemaField(field.get("name").asText(), field.hasNonNull("type") ? field.get("type").asText() : null));
                }
            }
            facets.add(new Facet.Schema(fields));
        }
        JsonNode tags = f.path("tags").path("tags");
        if (tags.isArray()) {
            List<Facet.Tag> list = new ArrayList<>();
            for (JsonNode t : tags) {
                if (t.hasNonNull("key") && t.hasNonNull("value")) {
                    list.add(new Facet.Tag(t.get("key").asText(), t.get("value").asText(), optional(t, "source"), optional(t, "field")));
                }
            }
            facets.add(new Facet.Tags(list));
        }
        JsonNode links = f.path("symlinks").path("identifiers");
        if (links.isArray()) {
            List<Facet.Symlink> list = new ArrayList<>();
            for (JsonNode l : links) {
                if (l.hasNonNull("namespace") && l.hasNonNull("name") && l.hasNonNull("type")) {
                    list.add(new Facet.Symlink(l.get("namespace").asText(), l.get("name").asText(), l.get("type").asText()));
                }
            }
            facets.add(new Facet.Symlinks(list));
        }
        JsonNode lineage = f.path("columnLineage").path("fields");
        if (lineage.isObject()) {
            facets.add(columnLineage(lineage));
        }
        return new LineageEvent.Dataset(text(d, "namespace"), text(d, "name"), facets, List.of());
    }

    private static Facet.ColumnLineage columnLineage(JsonNode fields) {
        Map<String, List<Facet.InputField>> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Facet.InputField> inputs = new ArrayList<>();
            for (JsonNode in : e.getValue().path("inputFields")) {
                if (!in.hasNonNull("namespace") || !in.hasNonNull("name") || !in.hasNonNull("field")) {
                    continue;
                }
                List<Facet.Transformation> ts = new ArrayList<>();
                for (JsonNode t : in.path("transformations")) {
                    if (t.hasNonNull("type")) {
                        ts.add(new Facet.Transformation(t.get("type").asText(), optional(t, "subtype"), optional(t, "description"),
                                t.path("masking").asBoolean(false)));
                    }
                }
                inputs.add(new Facet.InputField(in.get("namespace").asText(), in.get("name").asText(), in.get("field").asText(), ts));
            }
            map.put(e.getKey(), inputs);
        }
        return new Facet.ColumnLineage(map);
    }

    private static JsonNode object(JsonNode n, String field) throws BadEvent {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new BadEvent("'" + field + "' is missing: a run or job event names its job");
        }
        return v;
    }

    private static String text(JsonNode n, String field) throws BadEvent {
        JsonNode v = n.get(field);
        if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
            throw new BadEvent("'" + field + "' is missing");
        }
        return v.asText();
    }

    private static String optional(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Instant time(String text) throws BadEvent {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadEvent("eventTime '" + text + "' is not an ISO-8601 date-time with an offset");
        }
    }
}
