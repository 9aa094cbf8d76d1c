package io.headwater.app.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The JVM's peak heap use over a stretch of a benchmark: {@link #reset()} before, {@link #peakMb()} after. Thread-safe. */
final class HeapPeaks {
    private HeapPeaks() {
    }

    /** Collects garbage and starts the peaks again from now. */
    static void reset() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the last {@link #reset()}, in MB. */
    static long peakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
