package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.FaultInjection;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.DerivedSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries out the demonstration's faults, for {@code headwater inject} and the workbench alike:
 * store-side ones written into a derived store ({@link FaultInjection}), consumer-side ones asked of
 * the flow's consumer ({@link FlowConsumer#redeliver}, {@link FlowConsumer#drop}). Stateless.
 */
public final class FaultInjector {
    /** How long to wait for a consumer to carry out a consumer-side fault, unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private FaultInjector() {
    }

    /**
     * Damages {@code count} records of a derived store (the same {@code seed} picks the same ones);
     * the checkpoint is unchanged.
     *
     * @throws HeadwaterException when the store cannot take this fault
     */
    public static List<InjectedFault> damage(DerivedSink sink, Fault kind, int count, long seed) {
        try {
            return new FaultInjection(sink).inject(kind, count, seed);
        } catch (UnsupportedOperationException e) {
            throw new HeadwaterException("cannot " + kind.configName() + " " + sink.dataset().ref() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks a consumer to re-deliver ({@link Fault#DUPLICATE_DELIVERY}) or drop ({@link Fault#DROP_EVENT})
     * {@code count} log records and waits for it.
     *
     * @return what it did, or empty when it was not done within {@code timeout} (a drop then goes on
     *         as records arrive; a re-delivery waits for a paused or busy consumer)
     */
    public static Optional<DeliveryFault> misdeliver(FlowConsumer consumer, Fault kind, int count, Duration timeout) {
        if (!kind.consumerSide()) {
            throw new HeadwaterException(kind.configName() + " is not a consumer-side fault");
        }
        CompletableFuture<DeliveryFault> asked = kind == Fault.DUPLICATE_DELIVERY ? consumer.redeliver(count) : consumer.drop(count);
        String target = consumer.flow().to().toString();
        try {
            return Optional.of(asked.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new HeadwaterException("cannot " + kind.configName() + " for " + target + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while waiting for the consumer of " + target, e);
        }
    }
}
