package io.headwater.engine.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a connector's single message transforms ({@code transforms=a,b}, {@code transforms.a.type=...})
 * do to topic names and record shapes, as far as discovery needs to know: renames by
 * {@code RegexRouter} and Debezium's {@code ByLogicalTableRouter}, and flattening by Debezium's
 * {@code ExtractNewRecordState}. Any other transform is listed as not understood, and topics and
 * records are taken as it leaves them unchanged. Immutable.
 *
 * @param renames       the topic renames, in order
 * @param flattens      whether {@code ExtractNewRecordState} turns the change events into rows
 * @param notes         what the transforms imply (deletes dropped, rewritten, tables merged)
 * @param notUnderstood the transforms that were not understood
 */
public record TopicTransforms(List<Rename> renames, boolean flattens, List<String> notes, List<NotUnderstood> notUnderstood) {
    static final String REGEX_ROUTER = "org.apache.kafka.connect.transforms.RegexRouter";
    static final String LOGICAL_TABLE_ROUTER = "io.debezium.transforms.ByLogicalTableRouter";
    static final String EXTRACT_NEW_RECORD_STATE = "io.debezium.transforms.ExtractNewRecordState";
    /** Transforms known to change neither topic names nor which records there are. */
    private static final Set<String> SHAPE_ONLY = Set.of(
            "org.apache.kafka.connect.transforms.ExtractField$Key",
            "org.apache.kafka.connect.transforms.ValueToKey",
            "org.apache.kafka.connect.transforms.HoistField$Key");

    public TopicTransforms {
        renames = List.copyOf(renames);
        notes = List.copyOf(notes);
        notUnderstood = List.copyOf(notUnderstood);
    }

    /**
     * One topic rename: a topic that the whole {@code regex} matches becomes {@code replacement}
     * (with {@code $1} group references), as {@code RegexRouter} does.
     */
    public record Rename(String transform, Pattern regex, String replacement) {
        String apply(String topic) {
            Matcher m = regex.matcher(topic);
            return m.matches() ? m.replaceFirst(replacement) : topic;
        }
    }

    /** Reads the {@code transforms} of a connector's configuration. */
    static TopicTransforms read(ConnectorConfig config) {
        List<Rename> renames = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<NotUnderstood> unread = new ArrayList<>();
        boolean flattens = false;
        for (String name : config.list("transforms")) {
            String prefix = "transforms." + name + ".";
            String type = config.get(prefix + "type").orElse("");
            String item = "transform " + name + " (" + (type.isEmpty() ? "no type" : type) + ")";
            config.get(prefix + "predicate").ifPresent(p -> notes.add("transform " + name + " applies only where predicate " + p
                    + " holds; discovery took it to apply to every record"));
            switch (type) {
                case REGEX_ROUTER -> rename(config, name, prefix + "regex", prefix + "replacement", item, renames, unread);
                case LOGICAL_TABLE_ROUTER -> {
                    rename(config, name, prefix + "topic.regex", prefix + "topic.replacement", item, renames, unread);
                    notes.add("transform " + name + " routes several tables into one topic and adds the table to the record key");
                }
                case EXTRACT_NEW_RECORD_STATE -> {
                    flattens = true;
                    notes.add(deleteHandling(config, prefix, name));
                }
                default -> {
                    if (!SHAPE_ONLY.contains(type)) {
                        unread.add(new NotUnderstood(config.connector(), item,
                                "not a transform discovery knows; topic names and records taken as unchanged"));
                    }
                }
            }
        }
        return new TopicTransforms(renames, flattens, notes, unread);
    }

    private static void rename(ConnectorConfig config, String name, String regexKey, String replacementKey, String item,
                               List<Rename> renames, List<NotUnderstood> unread) {
        String regex = config.get(regexKey).orElse(null);
        String replacement = config.get(replacementKey).orElse(null);
        if (regex == null || replacement == null) {
            unread.add(new NotUnderstood(config.connector(), item, "needs " + regexKey + " and " + replacementKey
                    + "; topic names taken as unchanged"));
            return;
        }
        try {
            renames.add(new Rename(name, Pattern.compile(regex), replacement));
        } catch (PatternSyntaxException e) {
            unread.add(new NotUnderstood(config.connector(), item, regexKey + " '" + regex + "' is not a regular expression ("
                    + e.getDescription() + "); topic names taken as unchanged"));
        }
    }

    /** What ExtractNewRecordState does with deletes, in the words of its options old and new. */
    private static String deleteHandling(ConnectorConfig config, String prefix, String name) {
        String mode = config.get(prefix + "delete.tombstone.handling.mode").orElse(null);
        if (mode == null) {
            String old = config.getOr(prefix + "delete.handling.mode", "drop");
            boolean dropTombstones = config.bool(prefix + "drop.tombstones", true);
            mode = switch (old) {
                case "rewrite" -> dropTombstones ? "rewrite" : "rewrite-with-tombstone";
                case "none" -> dropTombstones ? "drop" : "tombstone";
                default -> dropTombstones ? "drop" : "tombstone";
            };
        }
        return switch (mode) {
            case "rewrite", "rewrite-with-tombstone" -> "transform " + name + " flattens change events into rows; a delete is the old row with __deleted=true";
            case "tombstone" -> "transform " + name + " flattens change events into rows; a delete is a tombstone";
            default -> "transform " + name + " flattens change events into rows and drops deletes (delete handling '" + mode
                    + "'): a sink cannot see them";
        };
    }

    /** The topic after every rename. */
    public String route(String topic) {
        String t = topic;
        for (Rename r : renames) {
            t = r.apply(t);
        }
        return t;
    }
}
