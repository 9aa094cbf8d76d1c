package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
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
        return DerivedStores.open(new StoreLayout(pipeline), pipeline.systemOf(ref), pipeline.requireDataset(ref), feed);
    }
}
