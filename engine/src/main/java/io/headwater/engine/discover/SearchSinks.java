package io.headwater.engine.discover;

import io.headwater.engine.model.SystemKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads Elasticsearch and OpenSearch sink connectors: Confluent's and Aiven's Elasticsearch sinks and
 * Aiven's OpenSearch sink, which share their keys ({@code connection.url}, {@code key.ignore},
 * {@code behavior.on.null.values}, {@code write.method} / {@code index.write.method}); the index of a
 * topic is the topic's name in lower case. Stateless.
 */
final class SearchSinks {
    private static final Map<String, SystemKind> KNOWN = Map.of(
            "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector", SystemKind.ELASTICSEARCH,
            "io.aiven.connect.elasticsearch.ElasticsearchSinkConnector", SystemKind.ELASTICSEARCH,
            "io.aiven.kafka.connect.opensearch.OpensearchSinkConnector", SystemKind.OPENSEARCH);

    private SearchSinks() {
    }

    static boolean handles(ConnectorSnapshot snapshot) {
        return KNOWN.containsKey(snapshot.connectorClass());
    }

    static ConnectorReading read(ConnectorSnapshot snapshot) {
        SinkBasics b = new SinkBasics(snapshot);
        SystemKind kind = KNOWN.get(snapshot.connectorClass());
        List<String> urls = b.config.list("connection.url");
        Optional<Endpoints.Url> first = urls.isEmpty() ? Optional.empty() : Endpoints.parse(urls.get(0));
        if (first.isEmpty()) {
            b.unread("connection.url " + String.join(",", urls), "no http(s) URL of a node: cannot tell where it writes");
        } else if (urls.size() > 1) {
            b.guesses.add("connection.url lists " + urls.size() + " nodes: the system reads from the first");
        }
        Endpoints.Url u = first.orElse(new Endpoints.Url("http", "unknown", -1, "", null, false));
        SinkStore store = new SinkStore(kind, kind.configName(), u.host() + ":" + u.portOr(9200), null,
                b.config.get("connection.username").orElse(null), b.hasPassword("connection.password"), null);

        boolean keyIgnore = b.config.bool("key.ignore", false);
        if (keyIgnore) {
            b.guesses.add("key.ignore=true: documents are keyed topic+partition+offset, not by the record key; "
                    + "each change is a new document and the index does not compare as a copy");
        }
        String onNull = b.config.getOr("behavior.on.null.values", "fail").toLowerCase(Locale.ROOT);
        boolean deletes = onNull.equals("delete");
        if (!deletes) {
            b.guesses.add("behavior.on.null.values " + onNull + ": a tombstone does not delete its document");
        }
        String writeMethod = b.config.get("write.method", "index.write.method").orElse("insert").toLowerCase(Locale.ROOT);
        Map<String, String> indexMap = topicIndexMap(b);
        UnaryOperator<String> naming = topic -> indexMap.getOrDefault(topic, topic.toLowerCase(Locale.ROOT));
        return new SinkReading(snapshot.name(), snapshot.connectorClass(), store, b.topics, b.topicsRegex, b.transforms, naming,
                List.of(), !keyIgnore, deletes, writeMethod, b.consumerGroup, b.guesses, b.unread);
    }

    /** The deprecated {@code topic.index.map} ({@code topic1:index1,topic2:index2}), where still given. */
    private static Map<String, String> topicIndexMap(SinkBasics b) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : b.config.list("topic.index.map")) {
            String[] kv = entry.split(":", 2);
            if (kv.length == 2) {
                map.put(kv[0].trim(), kv[1].trim());
            } else {
                b.unread("topic.index.map entry '" + entry + "'", "not topic:index; ignored");
            }
        }
        return map;
    }
}
