package io.headwater.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON form of a pipeline status, printed by {@code --json} and published to {@code status.json}. */
public final class StatusJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    public static ObjectNode tree(Pipeline pipeline, List<SystemStatus> statuses, Map<String, LatencyRecorder> latencies, Instant at) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("pipeline", pipeline.name());
        root.put("at", at.toString());
        ArrayNode systems = root.putArray("systems");
        for (SystemStatus s : statuses) {
            ObjectNode n = systems.addObject();
            n.put("id", s.systemId());
            n.put("kind", s.kind().configName());
            n.put("role", s.role().configName());
            n.put("reachable", s.reachable());
            n.put("address", s.address());
            n.put("message", s.message());
            ArrayNode ds = n.putArray("datasets");
            for (DatasetStatus d : s.datasets()) {
                ObjectNode dn = ds.addObject();
                dn.put("dataset", d.ref().toString());
                dn.put("size", d.size());
                dn.put("lag", d.lag());
                dn.put("checkpoint", d.checkpoint());
            }
        }
        ObjectNode lat = root.putObject("latencyMs");
        latencies.forEach((flow, r) -> {
            ObjectNode l = lat.putObject(flow);
            l.put("count", r.count());
            l.put("p50", r.percentile(50));
            l.put("p99", r.percentile(99));
        });
        return root;
    }

    public static String render(Pipeline pipeline, List<SystemStatus> statuses, Map<String, LatencyRecorder> latencies, Instant at) {
        try {
            return MAPPER.writeValueAsString(tree(pipeline, statuses, latencies, at));
        } catch (JsonProcessingException e) {
            throw new HeadwaterException("cannot render status as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads statuses back from {@link #render}'s output (latencies are not restored). */
    public static List<SystemStatus> parse(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<SystemStatus> out = new ArrayList<>();
            for (JsonNode n : root.path("systems")) {
                List<DatasetStatus> ds = new ArrayList<>();
                for (JsonNode d : n.path("datasets")) {
                    ds.add(new DatasetStatus(DatasetRef.parse(d.path("dataset").asText()), d.path("size").asLong(-1),
                            d.path("lag").asLong(-1), d.path("checkpoint").asText("")));
                }
                out.add(new SystemStatus(n.path("id").asText(), SystemKind.fromConfigName(n.path("kind").asText()).orElseThrow(),
                        Role.fromConfigName(n.path("role").asText()).orElseThrow(), n.path("reachable").asBoolean(),
                        n.path("address").asText(), n.path("message").asText(), ds));
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new HeadwaterException("the published status is not readable: " + e.getMessage(), e);
        }
    }
}
