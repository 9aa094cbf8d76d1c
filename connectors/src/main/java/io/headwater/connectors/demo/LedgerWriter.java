package io.headwater.connectors.demo;

import io.headwater.connectors.events.EventJsonEncoder;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes the demo's event-sourced ledger: each event is one posting to an account (a deposit,
 * withdrawal, fee or interest), with a signed amount; an account's balance is the sum of its
 * postings, and exists nowhere but in the state derived from these events. The history is seeded
 * over the past 30 days; later events are stamped now. Seeded: the same seed and topic length give
 * the same events. Not thread-safe.
 */
public final class LedgerWriter {
    /** Events written when the demo's ledger is empty. */
    public static final int DEMO_HISTORY = 3_000;
    /** Accounts of the ledger: 1..ACCOUNTS. */
    public static final int ACCOUNTS = 120;
    private static final String[] KINDS = {"deposit", "withdrawal", "fee", "interest"};

    private final KafkaEventLog log;
    private final Dataset dataset;
    private final EventJsonEncoder encoder;
    private final Random random;

    public LedgerWriter(KafkaEventLog log, Dataset dataset, long seed) {
        this.log = log;
        this.dataset = dataset;
        this.encoder = new EventJsonEncoder(dataset);
        this.random = new Random(seed * 7_919L + length());
    }

    private long length() {
        if (!log.exists(dataset.physicalName())) {
            return 0;
        }
        return log.endOffsets(dataset.physicalName()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the ledger topic holds no event yet. */
    public boolean isEmpty() {
        return length() == 0;
    }

    /** Writes {@code events} postings spread evenly over the past 30 days, oldest first. */
    public void seed(int events) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(Duration.ofDays(30));
        long step = Duration.between(start, end).toMillis() / Math.max(1, events);
        List<KafkaEventLog.Entry> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Row e = next(start.plusMillis(i * step));
            batch.add(new KafkaEventLog.Entry(encoder.key(e), encoder.value(e)));
            if (batch.size() == 500) {
                log.produceAll(dataset.physicalName(), batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            log.produceAll(dataset.physicalName(), batch);
        }
    }

    /** Appends one posting stamped now; returns what it was, for the load generator's counts. */
    public String append() {
        Row e = next(Instant.now());
        log.produce(dataset.physicalName(), encoder.key(e), encoder.value(e));
        return "ledger " + e.get("kind");
    }

    /** The next posting (as a row of the ledger dataset's fields). */
    Row next(Instant at) {
        String kind = KINDS[pick()];
        BigDecimal amount = switch (kind) {
            case "deposit" -> cents(1_000 + random.nextInt(50_000));
            case "withdrawal" -> cents(500 + random.nextInt(30_000)).negate();
            case "fee" -> cents(100 + random.nextInt(1_500)).negate();
            case "interest" -> cents(1 + random.nextInt(500));
            default -> throw new HeadwaterException("unknown posting kind " + kind);
        };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", new UUID(random.nextLong(), random.nextLong()));
        m.put("account_id", (long) (1 + random.nextInt(ACCOUNTS)));
        m.put("kind", kind);
        m.put("amount", amount);
        m.put("at", at);
        return Row.of(m);
    }

    private int pick() {
        int dice = random.nextInt(100);
        return dice < 45 ? 0 : dice < 80 ? 1 : dice < 92 ? 2 : 3;
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
