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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's service in its own JVM that keeps an MVStore cache: it opens the store of its pipeline's
 * consume flow (args: the pipeline YAML and a row count), writes customers 1..N, writes "ready" to a
 * marker file, and keeps the store open, and so locked, until its parent goes away.
 */
public final class MvStoreHolderMain {
    private MvStoreHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Pipeline pipeline = new PipelineLoader().load(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        Flow flow = pipeline.flow("cache-customers").orElseThrow();
        SystemSpec cache = pipeline.systemOf(flow.to());
        SystemAdapters.Place place = new SystemAdapters.Place(pipeline.systemDir(cache), Connection.NONE, Duration.ofSeconds(10));
        DerivedSink sink = SystemAdapters.open(cache, place).sink(pipeline.requireDataset(flow.to()), flow).orElseThrow();
        PartitionRef partition = new PartitionRef("shop.customers", 0);
        List<ChangeEvent> events = new ArrayList<>();
        for (int id = 1; id <= rows; id++) {
            Row after = Row.of("id", (long) id, "email", "c" + id + "@example.com");
            events.add(new ChangeEvent(new LogPosition(partition, id - 1), "e" + id, ChangeOp.CREATE, Row.of("id", (long) id), null, after,
                    Instant.now()));
        }
        sink.apply(events, Checkpoint.EMPTY.advancedPast(new LogPosition(partition, rows - 1)));
        Files.writeString(Path.of(args[0]).resolveSibling("holder.ready"), "ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
