package io.headwater.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FxStallMonitorTest {
    @Test
    void keepsTheLongestStallOverallAndWithinASection() {
        try (FxStallMonitor monitor = new FxStallMonitor(Runnable::run)) {
            monitor.record(TimeUnit.MILLISECONDS.toNanos(12));
            monitor.record(TimeUnit.MILLISECONDS.toNanos(340));
            monitor.beginSection();
            monitor.record(TimeUnit.MILLISECONDS.toNanos(45));
            monitor.record(TimeUnit.MILLISECONDS.toNanos(8));

            assertThat(monitor.longestStallMillis()).isEqualTo(340);
            assertThat(monitor.sectionStallMillis()).isEqualTo(45);
            assertThat(monitor.pings()).isEqualTo(4);
        }
    }

    @Test
    void pingsTheUiThreadUntilClosed() throws InterruptedException {
        try (FxStallMonitor monitor = new FxStallMonitor(Runnable::run).start()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (monitor.pings() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(monitor.pings()).isGreaterThanOrEqualTo(3);
        }
    }
}
