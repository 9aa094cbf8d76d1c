package io.headwater.app.cli;

import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.List;
import java.util.Map;

/** The text form of a pipeline status: one line per system, one indented line per dataset. */
final class StatusText {
    private StatusText() {
    }

    /**
     * Systems (hosted or attached) with their datasets, then the flows that run outside headwater with
     * their observed progress.
     */
    static String render(Pipeline pipeline, List<SystemStatus> statuses, List<FlowProgress> flows) {
        StringBuilder sb = new StringBuilder();
        for (SystemStatus s : statuses) {
            String how = pipeline.system(s.systemId()).map(x -> x.hosted() ? "hosted" : x.mayWrite() ? "attached, writable" : "attached").orElse("");
            sb.append(String.format("%-10s %-9s %-8s %s%s  (%s)%n", s.systemId(), s.kind().configName(), s.role().configName(),
                    s.reachable() ? "up  " : "DOWN", s.address().isEmpty() ? "" : "  " + s.address(), how));
            if (!s.message().isEmpty()) {
                sb.append("           ").append(s.message()).append('\n');
            }
            for (DatasetStatus d : s.datasets()) {
                sb.append(String.format("  %-24s %10s%s%n", d.ref(), d.size() < 0 ? "?" : String.format("%,d", d.size()),
                        d.lag() < 0 ? "" : d.lag() == 0 ? "   caught up" : String.format("   lag %,d", d.lag())));
            }
        }
        if (!flows.isEmpty()) {
            sb.append("flows run outside headwater:\n");
            for (FlowProgress f : flows) {
                String connector = pipeline.flow(f.flowId()).flatMap(x -> x.observe().connectorOpt()).map(c -> " (connector " + c + ")").orElse("");
                sb.append(String.format("  %-24s %s%s: %s%n", f.flowId(), f.lagText(), connector, f.description()));
            }
        }
        return sb.toString();
    }

    /** The one-line form used by {@code demo --headless} every few seconds. */
    static String line(long elapsedSeconds, List<SystemStatus> statuses, Map<String, LatencyRecorder> latencies, long ops) {
        StringBuilder sb = new StringBuilder(String.format("[%4ds] ops %,d |", elapsedSeconds, ops));
        for (SystemStatus s : statuses) {
            if (!s.reachable()) {
                sb.append(' ').append(s.systemId()).append(" DOWN |");
                continue;
            }
            for (DatasetStatus d : s.datasets()) {
                sb.append(' ').append(d.ref()).append('=').append(d.size() < 0 ? "?" : d.size());
                if (d.lag() > 0) {
                    sb.append(" (lag ").append(d.lag()).append(')');
                }
            }
            sb.append(" |");
        }
        long p50 = -1;
        long p99 = -1;
        for (LatencyRecorder r : latencies.values()) {
            p50 = Math.max(p50, r.percentile(50));
            p99 = Math.max(p99, r.percentile(99));
        }
        if (p50 >= 0) {
            sb.append(" latency p50 ").append(p50).append(" ms p99 ").append(p99).append(" ms");
        }
        return sb.toString();
    }
}
