package io.headwater.engine.integrity;

import io.headwater.engine.Cancelled;
import io.headwater.engine.integrity.internal.FieldDiff;
import io.headwater.engine.integrity.internal.FindingCollector;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.VerifySide;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-checks the findings of a verification of a live pipeline, so that changes still on their way
 * are not reported as corruption. Each round reads every pending key in the source, waits the
 * capture grace and for the derived store to catch up with the log (once per round, for all keys),
 * then reads the key in the derived store and again in the source:
 * <ul>
 * <li>the source changed meanwhile: the key is re-checked in the next round;</li>
 * <li>the derived store now agrees with the (stable) source: {@link FindingType#IN_FLIGHT};</li>
 * <li>it still disagrees although it caught up: corrupt, classified by what the sides hold now.</li>
 * </ul>
 * A key whose source never held still within the rounds is reported in flight with the note
 * "still changing"; a key that could not be re-checked because the derived store did not catch up
 * keeps its finding (never a false "clean"). Immutable and thread-safe; each call uses each side
 * from the calling thread.
 */
public final class InFlightResolver {
    public static final int DEFAULT_ROUNDS = 5;
    public static final Duration DEFAULT_CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final long SLEEP_SLICE_MILLIS = 100;
    private static final int CHECK_EVERY_KEYS = 1_000;

    private enum Open { CHANGING, NOT_CAUGHT_UP }

    private final VerifySide source;
    private final VerifySide target;
    private final CatchUp catchUp;
    private final int rounds;
    private final Duration catchUpTimeout;
    private final int maxKeysListed;
    private final FindingSink sink;
    private final RecentChanges recent;

    /**
     * Tells whether the source changed a key recently enough for a difference to be in flight without
     * any re-check: a copy with no log position to observe declares such a window on its source's
     * timestamp ({@code in-flight: 5m}), as data-diff's {@code --min-age} does.
     */
    @FunctionalInterface
    public interface RecentChanges {
        /** A note saying why the key counts as in flight, or null when it does not. */
        String inFlightWhy(Row key);
    }

    /** A resolver with {@value #DEFAULT_ROUNDS} rounds and a catch-up timeout of a minute. */
    public InFlightResolver(VerifySide source, VerifySide target, CatchUp catchUp) {
        this(source, target, catchUp, DEFAULT_ROUNDS, DEFAULT_CATCH_UP_TIMEOUT, VerifyOptions.DEFAULT_MAX_KEYS_LISTED, FindingSink.NONE);
    }

    private InFlightResolver(VerifySide source, VerifySide target, CatchUp catchUp, int rounds, Duration catchUpTimeout,
            int maxKeysListed, FindingSink sink) {
        this(source, target, catchUp, rounds, catchUpTimeout, maxKeysListed, sink, key -> null);
    }

    private InFlightResolver(VerifySide source, VerifySide target, CatchUp catchUp, int rounds, Duration catchUpTimeout,
            int maxKeysListed, FindingSink sink, RecentChanges recent) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be positive, not " + rounds);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.rounds = rounds;
        this.catchUpTimeout = Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        this.maxKeysListed = maxKeysListed;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.recent = Objects.requireNonNull(recent, "recent");
    }

    /** At most this many rounds per key. */
    public InFlightResolver withRounds(int newRounds) {
        return new InFlightResolver(source, target, catchUp, newRounds, catchUpTimeout, maxKeysListed, sink, recent);
    }

    /** How long one round waits for the derived store to catch up. */
    public InFlightResolver withCatchUpTimeout(Duration timeout) {
        return new InFlightResolver(source, target, catchUp, rounds, timeout, maxKeysListed, sink, recent);
    }

    /** How many findings of each type the result lists. */
    public InFlightResolver withMaxKeysListed(int max) {
        return new InFlightResolver(source, target, catchUp, rounds, catchUpTimeout, max, sink, recent);
    }

    /** Passes every re-checked finding, as classified in the end, to a sink (for the full report). */
    public InFlightResolver withFindingSink(FindingSink newSink) {
        return new InFlightResolver(source, target, catchUp, rounds, catchUpTimeout, maxKeysListed, newSink, recent);
    }

    /** Counts a difference on a key the source changed recently as in flight at once, without a re-check. */
    public InFlightResolver withRecentChanges(RecentChanges newRecent) {
        return new InFlightResolver(source, target, catchUp, rounds, catchUpTimeout, maxKeysListed, sink, newRecent);
    }

    /** Re-checks the findings the first result lists. */
    public VerificationResult resolve(VerificationResult first, Cancellation cancellation) {
        return resolve(first, first.findings(), cancellation);
    }

    /**
     * Re-checks findings of the first result (all of them, from its {@link FindingSink}, or some).
     * Findings of the first result that are not given keep their classification.
     *
     * @throws Cancelled when cancelled
     */
    public VerificationResult resolve(VerificationResult first, Collection<Finding> findings, Cancellation cancellation) {
        long start = System.nanoTime();
        KeyOrder order = source.keyOrder();
        Map<Row, Finding> pending = new TreeMap<>(order);
        findings.stream().filter(f -> f.type().isCorrupt()).forEach(f -> pending.put(f.key(), f));
        Map<Row, Finding> windowed = new TreeMap<>(order);
        for (Finding f : pending.values()) {
            String why = recent.inFlightWhy(f.key());
            if (why != null) {
                windowed.put(f.key(), f.reclassified(FindingType.IN_FLIGHT, why + " (was " + f.type() + ")"));
            }
        }
        Map<Row, Finding> rechecked = new TreeMap<>(order);
        rechecked.putAll(pending);
        rechecked.keySet().removeAll(windowed.keySet());
        Map<Row, Finding> outcome = new Round(first.algorithm(), cancellation).runAll(rechecked);
        outcome.putAll(windowed);
        FindingCounts counts = first.counts();
        FindingCollector listing = new FindingCollector(maxKeysListed, order, FindingSink.NONE);
        for (Finding f : first.findings()) {
            if (!outcome.containsKey(f.key())) {
                listing.accept(f);
            }
        }
        for (Map.Entry<Row, Finding> e : outcome.entrySet()) {
            counts = counts.plus(pending.get(e.getKey()).type(), -1).plus(e.getValue().type(), 1);
            listing.accept(e.getValue());
            sink.accept(e.getValue());
        }
        return first.withFindings(counts, listing.listed(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The rounds of one resolve call. */
    private final class Round {
        private final FingerprintAlgorithm algorithm;
        private final Cancellation cancellation;
        private final Map<Row, Finding> outcome = new LinkedHashMap<>();
        private final Map<Row, Open> open = new LinkedHashMap<>();
        private int lookups;

        Round(FingerprintAlgorithm algorithm, Cancellation cancellation) {
            this.algorithm = algorithm;
            this.cancellation = cancellation;
        }

        Map<Row, Finding> runAll(Map<Row, Finding> pending) {
            Map<Row, Finding> left = new TreeMap<>(source.keyOrder());
            left.putAll(pending);
            for (int round = 1; round <= rounds && !left.isEmpty(); round++) {
                one(round, left);
            }
            left.forEach((key, f) -> outcome.put(key, open.get(key) == Open.CHANGING
                    ? f.reclassified(FindingType.IN_FLIGHT, "still changing after " + rounds + " rounds (was " + f.type() + ")")
                    : f.reclassified(f.type(), "not re-checked: the derived store did not catch up within " + catchUpTimeout)));
            return outcome;
        }

        private void one(int round, Map<Row, Finding> left) {
            cancellation.check("in-flight re-check");
            Map<Row, Optional<FingerprintedRow>> before = new LinkedHashMap<>();
            left.keySet().forEach(k -> before.put(k, read(source, k)));
            pause(catchUp.captureGrace());
            boolean caughtUp = catchUp.awaitCaughtUp(catchUpTimeout);
            cancellation.check("in-flight re-check");
            for (Map.Entry<Row, Optional<FingerprintedRow>> e : before.entrySet()) {
                Optional<FingerprintedRow> derived = read(target, e.getKey());
                Optional<FingerprintedRow> after = read(source, e.getKey());
                Finding settled = settle(round, left.get(e.getKey()), e.getValue(), after, derived, caughtUp);
                if (settled != null) {
                    outcome.put(e.getKey(), settled);
                    left.remove(e.getKey());
                }
            }
        }

        /** The final finding for a key, or null when it must be re-checked. */
        private Finding settle(int round, Finding f, Optional<FingerprintedRow> before, Optional<FingerprintedRow> after,
                Optional<FingerprintedRow> derived, boolean caughtUp) {
            if (!same(before, after)) {
                open.put(f.key(), Open.CHANGING);
                return null;
            }
            if (same(derived, after)) {
                return f.reclassified(FindingType.IN_FLIGHT, "derived store caught up in round " + round + " (was " + f.type() + ")");
            }
            if (!caughtUp) {
                open.put(f.key(), Open.NOT_CAUGHT_UP);
                return null;
            }
            return corrupt(f.key(), after, derived);
        }

        private Optional<FingerprintedRow> read(VerifySide side, Row key) {
            if (++lookups % CHECK_EVERY_KEYS == 0) {
                cancellation.check("in-flight re-check");
            }
            return side.lookup(key, algorithm);
        }

        private void pause(Duration d) {
            long until = System.nanoTime() + d.toNanos();
            try {
                for (long left = d.toMillis(); left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                    cancellation.check("in-flight re-check");
                    Thread.sleep(Math.min(left, SLEEP_SLICE_MILLIS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled("in-flight re-check");
            }
        }
    }

    private Finding corrupt(Row key, Optional<FingerprintedRow> src, Optional<FingerprintedRow> derived) {
        if (derived.isEmpty()) {
            return Finding.missing(key, src.orElseThrow().values());
        }
        if (src.isEmpty()) {
            return Finding.extra(key, derived.get().values());
        }
        Row s = src.get().values();
        Row d = derived.get().values();
        return new Finding(FindingType.MISMATCHED, key, FieldDiff.differingFields(source.form(), s, d), s, d);
    }

    private static boolean same(Optional<FingerprintedRow> a, Optional<FingerprintedRow> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().fingerprint() == b.get().fingerprint());
    }
}
