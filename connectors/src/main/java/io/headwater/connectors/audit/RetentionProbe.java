package io.headwater.connectors.audit;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.TopicSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Retention: each dataset's declared {@code retention:} (the shortest of its fields' tags) against
 * what is really kept. System-of-record tables by their declared timestamp; derived stores by their
 * own timestamp or, through the lineage, by the timestamp of the record each was derived from (blob
 * stores also by file age); topics by {@code retention.ms} and {@code cleanup.policy}; stores that
 * expire records themselves ({@link KeyExpiries}: a Redis key's TTL) by the expiries set: records
 * with none, and the longest time one has left, against the retention. Codes:
 * {@code past-retention}, {@code within-retention}, {@code age-unknown},
 * {@code topic-retention-exceeds-policy}, {@code topic-settings}, {@code no-retention-declared},
 * {@code retention-declared}, {@code keys-without-expiry}, {@code expiry-exceeds-retention},
 * {@code expiry-within-retention}.
 */
public final class RetentionProbe implements Probe {
    public static final String ID = "retention";
    private final LiveStores stores;

    public RetentionProbe(LiveStores stores) {
        this.stores = stores;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Declared retention against the oldest data held, topic retention.ms and cleanup.policy, blob ages";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        RecordAges ages = new RecordAges(stores, context);
        for (SystemSpec s : context.pipeline().systems()) {
            for (Dataset d : s.datasets()) {
                context.cancellation().check("retention");
                Optional<Duration> policy = Policies.retention(d);
                String subject = d.ref().toString();
                if (policy.isEmpty() && Policies.hasPii(d)) {
                    out.add(Evidence.of(ID, subject, context.clock()).finding("no-retention-declared",
                            "holds personal data but declares no retention: tag a field retention:<duration>"));
                } else if (policy.isPresent()) {
                    out.add(Evidence.of(ID, subject, context.clock()).fact("retention-declared", "declared retention " + Policies.human(policy.get())));
                }
                try {
                    if (s.kind() == SystemKind.KAFKA) {
                        out.add(topic(d, policy, context));
                    } else if (policy.isPresent()) {
                        out.add(ages.check(s, d, policy.get()));
                        if (s.kind() == SystemKind.BLOBSTORE) {
                            out.add(blobFiles(s, policy.get(), context));
                        }
                        Optional<KeyExpiries> expiries = stores.capability(s, KeyExpiries.class);
                        if (expiries.isPresent()) {
                            out.add(expiries(d, expiries.get().census(d), policy.get(), context));
                        }
                    }
                } catch (HeadwaterException e) {
                    out.add(Evidence.of(ID, subject, context.clock()).unavailable("cannot check retention of " + subject + ": " + e.getMessage()));
                }
            }
        }
        return out;
    }

    private Evidence topic(Dataset d, Optional<Duration> policy, ProbeContext context) {
        Evidence.Builder b = Evidence.of(ID, d.ref().toString(), context.clock());
        TopicSettings t = stores.eventLog(d.ref()).topicSettings(d.physicalName());
        String kept = t.retentionMs() < 0 ? "forever (retention.ms=-1)" : Policies.human(Duration.ofMillis(t.retentionMs())) + " (retention.ms=" + t.retentionMs() + ")";
        b.count("retention.ms", t.retentionMs()).count("partitions", t.partitions()).detail("topic " + t.topic() + ": cleanup.policy=" + t.cleanupPolicy());
        oldestEvent(d).ifPresent(at -> b.detail("oldest event in the topic: " + Policies.age(Duration.between(at, context.clock().instant())) + " old"));
        if (t.cleanupPolicy().contains("compact")) {
            b.detail("compacted: the latest value of every key is kept until a tombstone removes it");
        } else {
            b.detail("not compacted: old values of deleted and updated records stay until retention removes them");
        }
        if (policy.isPresent() && (t.retentionMs() < 0 || t.retentionMs() > policy.get().toMillis())) {
            return b.finding("topic-retention-exceeds-policy", "topic keeps events " + kept + ", longer than the declared retention " + Policies.human(policy.get()));
        }
        return b.fact("topic-settings", "topic keeps events " + kept + ", cleanup.policy=" + t.cleanupPolicy()
                + policy.map(p -> ", within the declared retention " + Policies.human(p)).orElse(""));
    }

    private Optional<Instant> oldestEvent(Dataset topic) {
        Instant[] first = {null};
        TopicText.read(stores.eventLog(topic.ref()), topic.physicalName(), 1, r -> first[0] = r.timestamp());
        return Optional.ofNullable(first[0]);
    }

    /** A store's own expiries against the retention: a record with none, or with longer left, may outlive it. */
    private Evidence expiries(Dataset d, KeyExpiries.Census census, Duration policy, ProbeContext context) {
        Evidence.Builder b = Evidence.of(ID, d.ref() + " (expiries)", context.clock());
        b.count("records", census.records()).count("without-expiry", census.withoutExpiry());
        census.longest().ifPresent(l -> b.detail("longest time a record has left: " + Policies.human(l) + " (a TTL counts down: the record "
                + "may already have been kept a while)"));
        census.shortest().ifPresent(s -> b.detail("shortest time a record has left: " + Policies.human(s)));
        if (census.withoutExpiry() > 0) {
            return b.finding("keys-without-expiry", census.withoutExpiry() + " of " + census.records() + " records have no expiry (TTL): "
                    + "they are kept until deleted, whatever the declared retention " + Policies.human(policy));
        }
        if (census.longest().isPresent() && census.longest().get().compareTo(policy) > 0) {
            return b.finding("expiry-exceeds-retention", "a record expires only in " + Policies.human(census.longest().get())
                    + ", later than the declared retention " + Policies.human(policy) + " allows");
        }
        return b.fact("expiry-within-retention", "all " + census.records() + " records expire within the declared retention "
                + Policies.human(policy));
    }

    private Evidence blobFiles(SystemSpec s, Duration policy, ProbeContext context) {
        Evidence.Builder b = Evidence.of(ID, s.id() + " (files)", context.clock());
        Path dir = stores.systemDir(s);
        Instant now = context.clock().instant();
        long files = 0;
        long old = 0;
        Instant oldest = null;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Instant m = Files.getLastModifiedTime(p).toInstant();
                files++;
                old += m.isBefore(now.minus(policy)) ? 1 : 0;
                oldest = oldest == null || m.isBefore(oldest) ? m : oldest;
            }
        } catch (java.io.IOException e) {
            return b.unavailable("cannot list the blob files in " + dir + ": " + e.getMessage());
        }
        b.count("files", files).count("files-older-than-retention", old);
        if (oldest != null) {
            b.detail("oldest file written " + Policies.age(Duration.between(oldest, now)) + " ago (a file's age is when the store wrote it, not the data's age)");
        }
        return b.fact("blob-file-ages", files + " files in " + dir + ", " + old + " written longer ago than the retention " + Policies.human(policy));
    }
}
