package io.headwater.app.runtime.scenario;

import io.headwater.app.runtime.FaultInjector;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.Cancelled;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.ScenarioVerdict;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The search index loses records; a rebuild from the log is stopped abruptly part-way (as a crash
 * would stop it), then started again: it resumes from its shadow's checkpoint instead of the
 * beginning, the shadow verifies clean and is swapped in. (RebuildCrashIT proves the same with kill -9
 * of a real process at random points.)
 */
final class CrashAndRebuild implements Scenario {
    static final DatasetRef TARGET = new DatasetRef("search", "customers");
    private static final int LOST = 40;
    private static final double STOP_AT = 0.4;

    @Override
    public String name() {
        return "crash-and-rebuild";
    }

    @Override
    public String claim() {
        return "a derived store that lost data is rebuilt from the log; a rebuild stopped part-way resumes from its checkpoint, losing nothing and doubling nothing";
    }

    @Override
    public ScenarioVerdict run(ScenarioContext c) {
        Flow flow = c.flowInto(TARGET);
        c.step("The index loses " + LOST + " documents (a failed disk, a bad restore)");
        int lost = FaultInjector.damage(c.consumer(TARGET).sink(), Fault.DELETE, LOST, System.nanoTime()).size();
        c.say(lost + " records deleted from " + TARGET);
        ScenarioContext.Verified before = c.verify(flow);
        if (before.result().counts().missing() == 0) {
            return verdict(false, "verification did not see the lost records");
        }

        c.step("Rebuild " + TARGET + " from the log into a shadow index, and crash it part-way");
        long total = c.runtime().eventLog().endOffsets(c.runtime().pipeline().requireDataset(flow.from()).physicalName()).values().stream()
                .mapToLong(Long::longValue).sum();
        Cancellation crash = new Cancellation();
        AtomicLong reached = new AtomicLong();
        ProgressListener watch = (done, all, unit) -> {
            reached.set(done);
            if (all > 0 && done >= all * STOP_AT) {
                crash.cancel();
            }
        };
        try {
            // Throttled so that the crash lands mid-way: about four seconds for the whole topic.
            c.rebuild(TARGET, Math.max(100, total / 4.0), crash, watch);
            return verdict(false, "the rebuild finished before it could be stopped");
        } catch (Cancelled expected) {
            c.say(String.format("rebuild stopped abruptly after %,d of %,d log records; the shadow keeps the checkpoint of its last committed batch",
                    reached.get(), total));
        }

        c.step("Start the rebuild again");
        RebuildRunner.Outcome o = c.rebuild(TARGET, 0, c.cancellation());
        long resumedAt = o.replay().from().nextOffsets().values().stream().mapToLong(Long::longValue).sum();

        c.step("Verify the live index");
        boolean clean = c.verify(flow).result().clean();
        if (!o.resumed() || resumedAt == 0) {
            return verdict(false, "the second rebuild started from the beginning instead of resuming");
        }
        if (!o.verification().clean() || !o.swapped() || !clean) {
            return verdict(false, "the resumed rebuild did not verify clean");
        }
        return verdict(true, String.format("the rebuild resumed at log record %,d (not 0), replayed the remaining %,d, verified clean and was swapped in: "
                + "%d lost records restored, nothing doubled", resumedAt, o.replay().recordsRead(), lost));
    }
}
