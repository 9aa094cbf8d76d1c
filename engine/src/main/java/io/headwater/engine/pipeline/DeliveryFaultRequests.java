package io.headwater.engine.pipeline;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Consumer-side faults asked for from any thread and carried out by the consumer's own thread:
 * re-deliveries at its next batch boundary, drops on the next records it reads. A drop is reported
 * only once the batch that skipped its last record is committed. Thread-safe.
 */
final class DeliveryFaultRequests {
    /** A re-delivery of {@code count} records, to be completed by the consumer thread. */
    record Redelivery(int count, CompletableFuture<DeliveryFault> result) {
    }

    private static final class Drop {
        final int count;
        final CompletableFuture<DeliveryFault> result = new CompletableFuture<>();
        final List<LogPosition> positions = new ArrayList<>();
        final List<ChangeEvent> events = new ArrayList<>();
        int committed;

        Drop(int count) {
            this.count = count;
        }

        DeliveryFault outcome(String flowId, int upTo) {
            List<LogPosition> done = positions.subList(0, upTo);
            return new DeliveryFault(Fault.DROP_EVENT, flowId, count, done,
                    events.stream().filter(e -> done.contains(e.position())).toList());
        }
    }

    private final String flowId;
    private final Queue<Redelivery> redeliveries = new ConcurrentLinkedQueue<>();
    private final Queue<Drop> drops = new ConcurrentLinkedQueue<>();
    private final List<Drop> filled = new ArrayList<>();
    private boolean closed;

    DeliveryFaultRequests(String flowId) {
        this.flowId = flowId;
    }

    synchronized CompletableFuture<DeliveryFault> redeliver(int count) {
        if (closed) {
            return CompletableFuture.failedFuture(stopped("re-deliver"));
        }
        Redelivery r = new Redelivery(count, new CompletableFuture<>());
        redeliveries.add(r);
        return r.result();
    }

    synchronized CompletableFuture<DeliveryFault> drop(int count) {
        if (closed) {
            return CompletableFuture.failedFuture(stopped("drop"));
        }
        Drop d = new Drop(count);
        drops.add(d);
        return d.result;
    }

    private HeadwaterException stopped(String what) {
        return new HeadwaterException("the consumer of flow " + flowId + " has stopped: nothing to " + what);
    }

    /** Consumer thread: the next re-delivery asked for, or null. */
    Redelivery nextRedelivery() {
        return redeliveries.poll();
    }

    /** Consumer thread: whether this record is to be skipped; notes it when so. */
    boolean skips(LogRecord record, Optional<ChangeEvent> event) {
        Drop d = drops.peek();
        if (d == null) {
            return false;
        }
        d.positions.add(record.position());
        event.ifPresent(d.events::add);
        if (d.positions.size() == d.count) {
            filled.add(d);
            drops.poll();
        }
        return true;
    }

    /** Consumer thread, after a batch was committed: what was skipped is now dropped for good. */
    void committed() {
        filled.forEach(d -> d.result.complete(d.outcome(flowId, d.count)));
        filled.clear();
        Drop head = drops.peek();
        if (head != null) {
            head.committed = head.positions.size();
        }
    }

    /**
     * Consumer thread, when it stops: drops complete with what was committed (possibly less than
     * asked for, possibly nothing); re-deliveries not carried out fail.
     */
    synchronized void close() {
        closed = true;
        filled.forEach(d -> d.result.complete(d.outcome(flowId, d.committed)));
        filled.clear();
        for (Drop d = drops.poll(); d != null; d = drops.poll()) {
            d.result.complete(d.outcome(flowId, d.committed));
        }
        for (Redelivery r = redeliveries.poll(); r != null; r = redeliveries.poll()) {
            r.result().completeExceptionally(stopped("re-deliver"));
        }
    }
}
