package io.headwater.engine.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What changed between an earlier and a later audit of the same checklist: per item, the status
 * before and after and the finding codes that appeared or disappeared. Immutable.
 */
public record AuditComparison(AuditSession earlier, AuditSession later, List<ItemChange> changes) {
    /**
     * One item compared; {@code before} or {@code after} is null when the item exists in one audit only.
     */
    public record ItemChange(String itemId, String question, AuditStatus before, AuditStatus after, List<String> newFindings,
                             List<String> resolvedFindings) {
        public boolean changed() {
            return !Objects.equals(before, after) || !newFindings.isEmpty() || !resolvedFindings.isEmpty();
        }
    }

    public static AuditComparison of(AuditSession earlier, AuditSession later) {
        Set<String> ids = new LinkedHashSet<>();
        earlier.items().forEach(i -> ids.add(i.id()));
        later.items().forEach(i -> ids.add(i.id()));
        List<ItemChange> changes = new ArrayList<>();
        for (String id : ids) {
            Optional<ItemAnswer> a = find(earlier, id);
            Optional<ItemAnswer> b = find(later, id);
            Set<String> fa = findings(a);
            Set<String> fb = findings(b);
            changes.add(new ItemChange(id, b.or(() -> a).map(x -> x.item().question()).orElse(""), a.map(ItemAnswer::status).orElse(null),
                    b.map(ItemAnswer::status).orElse(null), fb.stream().filter(f -> !fa.contains(f)).toList(),
                    fa.stream().filter(f -> !fb.contains(f)).toList()));
        }
        return new AuditComparison(earlier, later, List.copyOf(changes));
    }

    /** The items whose status or findings changed. */
    public List<ItemChange> changed() {
        return changes.stream().filter(ItemChange::changed).toList();
    }

    private static Optional<ItemAnswer> find(AuditSession s, String id) {
        return s.items().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Findings as {@code code @ subject}, which identifies them across audits. */
    private static Set<String> findings(Optional<ItemAnswer> a) {
        Set<String> out = new LinkedHashSet<>();
        a.ifPresent(x -> x.findings().forEach(f -> out.add(f.code() + " @ " + f.subject())));
        return out;
    }
}
