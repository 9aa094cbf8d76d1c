package io.headwater.engine.discover;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Hands out config ids (lower-case letters, digits, '_' and '-'), each once, from the names things have. Not thread-safe. */
final class Ids {
    private final Set<String> taken = new HashSet<>();

    /** {@code name} made an id, with {@code -2}, {@code -3}, ... when it is taken. */
    String allocate(String name) {
        String base = sanitize(name);
        String id = base;
        for (int i = 2; !taken.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    static String sanitize(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_").replaceAll("^[_-]+|[_-]+$", "");
        if (s.isEmpty()) {
            return "x";
        }
        return Character.isLetter(s.charAt(0)) ? s : "x" + s;
    }
}
