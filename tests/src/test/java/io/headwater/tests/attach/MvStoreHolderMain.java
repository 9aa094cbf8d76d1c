package io.headwater.tests.attach;

import io.headwater.connectors.SystemAdapters;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.PartitionRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A user's service in its own JVM that keeps file stores: it opens the MVStore cache and the blob
 * store of its pipeline's consume flows (args: the pipeline YAML and a row count), writes customers
 * 1..N into the cache and documents 1..N/10 into the blob store, writes "ready" to a marker file,
 * and keeps both open, and so locked, until its parent goes away.
 */
public final class MvStoreHolderMain {
    private MvStoreHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Pipeline pipeline = new PipelineLoader().load(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        DerivedSink cache = sink(pipeline, "cache-customers");
        write(cache, "shop.customers", rows, id -> Row.of("id", (long) id, "email", "c" + id + "@example.com"));
        DerivedSink blobs = sink(pipeline, "store-documents");
        write(blobs, "shop.documents", rows / 10, id -> document(id));
        Files.writeString(Path.of(args[0]).resolveSibling("holder.ready"), "ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Document {@code id}: its bytes are "document ID", with their SHA-256 and size. */
    static Row document(int id) throws NoSuchAlgorithmException {
        byte[] content = ("document " + id).getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return Row.of("id", (long) id, "sha256", sha, "size", (long) content.length, "content", content);
    }

    private static DerivedSink sink(Pipeline pipeline, String flowId) {
        Flow flow = pipeline.flow(flowId).orElseThrow();
        SystemSpec system = pipeline.systemOf(flow.to());
        SystemAdapters.Place place = new SystemAdapters.Place(pipeline.systemDir(system), Connection.NONE, Duration.ofSeconds(10));
        return SystemAdapters.open(system, place).sink(pipeline.requireDataset(flow.to()), flow).orElseThrow();
    }

    private interface RowOf {
        Row of(int id) throws NoSuchAlgorithmException;
    }

    private static void write(DerivedSink sink, String topic, int rows, RowOf row) throws NoSuchAlgorithmException {
        PartitionRef partition = new PartitionRef(topic, 0);
        List<ChangeEvent> events = new ArrayList<>();
        for (int id = 1; id <= rows; id++) {
            events.add(new ChangeEvent(new LogPosition(partition, id - 1), "e" + id, ChangeOp.CREATE, Row.of("id", (long) id), null, row.of(id),
                    Instant.now()));
        }
        sink.apply(events, Checkpoint.EMPTY.advancedPast(new LogPosition(partition, rows - 1)));
    }
}
