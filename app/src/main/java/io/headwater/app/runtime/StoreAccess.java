package io.headwater.app.runtime;

import io.headwater.connectors.SystemAdapters;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.DerivedSink;

/** Opens one derived store of a pipeline directly, without starting the pipeline. */
public final class StoreAccess {
    private StoreAccess() {
    }

    public static DerivedSink openSink(Pipeline pipeline, DatasetRef ref) {
        Flow feed = pipeline.flowsInto(ref).stream().filter(f -> f.kind() == FlowKind.CONSUME).findFirst()
                .orElseThrow(() -> new HeadwaterException("no consume flow feeds " + ref + " in pipeline " + pipeline.name()));
        SystemSpec system = pipeline.systemOf(ref);
        try (SystemAdapter adapter = SystemAdapters.open(system, new StoreLayout(pipeline).place(system))) {
            return adapter.sink(pipeline.requireDataset(ref), feed).orElseThrow(() -> new HeadwaterException(
                    ref + " is in a " + system.kind().configName() + " system, which headwater cannot keep in this version"));
        }
    }
}
