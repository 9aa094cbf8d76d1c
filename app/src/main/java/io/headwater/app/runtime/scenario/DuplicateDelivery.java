package io.headwater.app.runtime.scenario;

import io.headwater.app.runtime.FaultInjector;
import io.headwater.engine.faults.DeliveryFault;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.workbench.ScenarioVerdict;
import java.time.Duration;
import java.util.Optional;

/**
 * The same transfers are delivered twice to two sinks of daily totals: the idempotent one (applies
 * each transfer once, by its request id) stays right; the deliberately naive one counts them twice,
 * and verification shows the days it got wrong. A rebuild from the log puts the naive one right.
 */
final class DuplicateDelivery implements Scenario {
    static final DatasetRef IDEMPOTENT = new DatasetRef("analytics", "daily_totals");
    static final DatasetRef NAIVE = new DatasetRef("analytics", "daily_totals_naive");
    private static final int REDELIVERED = 25;

    @Override
    public String name() {
        return "duplicate-delivery";
    }

    @Override
    public String claim() {
        return "under duplicate delivery an idempotent sink stays correct while a naive one double-counts, and verification tells them apart";
    }

    @Override
    public ScenarioVerdict run(ScenarioContext c) {
        Flow idempotent = c.flowInto(IDEMPOTENT);
        Flow naive = c.flowInto(NAIVE);
        c.step("Verify both daily-totals sinks: " + idempotent.id() + " (idempotent) and " + naive.id() + " (naive)");
        boolean cleanBefore = c.verify(idempotent).result().clean() & c.verify(naive).result().clean();
        if (!cleanBefore) {
            return verdict(false, "the daily totals were not clean to begin with");
        }
        // Under steady load today's totals change between any two looks, and verification then (rightly) calls a
        // difference there "in flight": the redelivered transfers are today's, so the load pauses while we look.
        c.pauseLoad(true);
        c.step("Deliver the last " + REDELIVERED + " transfer events again to both, as after a consumer crash before its offset commit");
        long idem = redeliver(c, IDEMPOTENT);
        long dumb = redeliver(c, NAIVE);
        c.say(String.format("%s received %d events again; %s received %d events again", idempotent.id(), idem, naive.id(), dumb));

        c.step("Verify both again");
        boolean idempotentClean = c.verify(idempotent).result().clean();
        ScenarioContext.Verified naiveResult = c.verify(naive);
        long wrongDays = naiveResult.corrupt().size();

        c.pauseLoad(false);
        c.step("Put the naive sink right: rebuild it from the log (the replay applies each event once)");
        boolean healed = c.rebuild(NAIVE, 0, c.cancellation()).swapped() && c.verify(naive).result().clean();
        if (!idempotentClean) {
            return verdict(false, "the idempotent sink changed under duplicate delivery");
        }
        if (wrongDays == 0) {
            return verdict(false, "verification did not see the naive sink's double counting");
        }
        return verdict(true, String.format("the idempotent sink verified clean; the naive one was wrong on %d day(s), which verification reported%s",
                wrongDays, healed ? "; its rebuild verified clean" : "; but its rebuild did not verify clean"));
    }

    private static long redeliver(ScenarioContext c, DatasetRef target) {
        Optional<DeliveryFault> done = FaultInjector.misdeliver(c.consumer(target), Fault.DUPLICATE_DELIVERY, REDELIVERED, Duration.ofSeconds(30));
        return done.map(d -> (long) d.positions().size()).orElse(0L);
    }
}
