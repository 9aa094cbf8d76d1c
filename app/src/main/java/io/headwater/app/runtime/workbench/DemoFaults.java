package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FaultInjector;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The Demo view's faults, carried out as {@code headwater inject} does ({@link FaultInjector}):
 * store-side ones written into the derived store, consumer-side ones asked of its flow's consumer and
 * waited for. Thread-safe.
 */
final class DemoFaults {
    private final LivePipeline runtime;
    private final PipelineLookup lookup;

    DemoFaults(LivePipeline runtime, PipelineLookup lookup) {
        this.runtime = runtime;
        this.lookup = lookup;
    }

    List<InjectedFault> inject(DatasetRef dataset, Fault fault, int count, long seed) {
        Objects.requireNonNull(fault, "fault");
        if (count <= 0) {
            throw new HeadwaterException("cannot " + fault.configName() + " " + count + " records of " + dataset + ": ask for 1 or more");
        }
        if (!runtime.pipeline().systemOf(dataset).mayWrite()) {
            throw ReadOnlyException.refusing("fault injection into " + dataset, dataset.system());
        }
        Flow feed = lookup.feedOf(dataset);
        if (!fault.consumerSide()) {
            DerivedSink sink = runtime.sink(dataset).orElseThrow(() -> new HeadwaterException("the store of " + dataset + " is not open"));
            return FaultInjector.damage(sink, fault, count, seed);
        }
        if (!runtime.consumerRunning(feed.id())) {
            throw new HeadwaterException("the consumer of flow " + feed.id() + " into " + dataset + " is stopped: start it again before asking it to "
                    + fault.configName());
        }
        FlowConsumer consumer = runtime.consumer(dataset).orElseThrow(() -> new HeadwaterException("no consumer runs flow " + feed.id()));
        Optional<DeliveryFault> done = FaultInjector.misdeliver(consumer, fault, count, FaultInjector.DEFAULT_WAIT);
        if (done.isEmpty()) {
            return List.of(new InjectedFault(fault, dataset, Row.of(), fault == Fault.DROP_EVENT
                    ? "pending: the next " + count + " log record(s) of flow " + feed.id() + " will be dropped as they arrive"
                    : "pending: the consumer of flow " + feed.id() + " has not re-delivered yet (paused or busy)"));
        }
        return describe(dataset, done.get());
    }

    /** One entry per log record re-delivered or dropped, keyed by the change's source key. */
    private static List<InjectedFault> describe(DatasetRef dataset, DeliveryFault done) {
        String verb = done.fault() == Fault.DUPLICATE_DELIVERY ? "re-delivered" : "dropped";
        List<InjectedFault> out = new ArrayList<>();
        for (LogPosition p : done.positions()) {
            Optional<ChangeEvent> e = done.eventAt(p);
            String change = verb + " log record " + p + e.map(x -> " (" + x.op().name().toLowerCase(Locale.ROOT) + ")").orElse(" (no change)");
            out.add(new InjectedFault(done.fault(), dataset, e.map(ChangeEvent::key).orElse(Row.of()), change));
        }
        return out;
    }
}
