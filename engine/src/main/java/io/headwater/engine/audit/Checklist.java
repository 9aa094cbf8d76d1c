package io.headwater.engine.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checklist: questions with guidance, the probes that gather evidence for each and the rules
 * that suggest a status. Loaded from YAML by {@link ChecklistLoader}. Immutable.
 *
 * @param id          its name ({@code privacy}, {@code retention}, or a user's own)
 * @param title       a heading for reports
 * @param description what it is for
 * @param source      where it was loaded from ({@code builtin:privacy} or a path)
 * @param items       the questions, in order
 */
public record Checklist(String id, String title, String description, String source, List<ChecklistItem> items) {
    public Checklist {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        items = List.copyOf(items);
    }

    public Optional<ChecklistItem> item(String itemId) {
        return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
    }

    /** Every probe any item names, each once, in order of first mention. */
    public List<String> probes() {
        return items.stream().flatMap(i -> i.probes().stream()).distinct().toList();
    }
}
