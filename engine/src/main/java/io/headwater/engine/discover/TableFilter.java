package io.headwater.engine.discover;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Which tables a Debezium connector captures, with Debezium's rules: each include and exclude list
 * holds comma-separated regular expressions matched against the whole identifier ({@code schema} for
 * the schema lists, {@code schema.table} for the table lists; MySQL's databases take the schema's
 * place); an include list, when given, admits only what it matches; an exclude list removes what it
 * matches. Immutable and thread-safe.
 */
public record TableFilter(List<String> schemaInclude, List<String> schemaExclude, List<String> tableInclude, List<String> tableExclude) {
    /** Admits every table. */
    public static final TableFilter ALL = new TableFilter(List.of(), List.of(), List.of(), List.of());

    public TableFilter {
        schemaInclude = List.copyOf(schemaInclude);
        schemaExclude = List.copyOf(schemaExclude);
        tableInclude = List.copyOf(tableInclude);
        tableExclude = List.copyOf(tableExclude);
    }

    /** Whether the table {@code schema.table} is captured. */
    public boolean admits(String schema, String table) {
        String qualified = schema + "." + table;
        if (!schemaInclude.isEmpty() && !matchesAny(schemaInclude, schema)) {
            return false;
        }
        if (matchesAny(schemaExclude, schema)) {
            return false;
        }
        if (!tableInclude.isEmpty() && !matchesAny(tableInclude, qualified)) {
            return false;
        }
        return !matchesAny(tableExclude, qualified);
    }

    /**
     * The tables of the include list that name one table each ({@code schema.table} with no pattern
     * characters but the dot), for when the database cannot be asked.
     */
    public List<String> literalTables() {
        return tableInclude.stream().filter(t -> t.matches("[A-Za-z0-9_$]+(\\\\?\\.[A-Za-z0-9_$]+)+")).map(t -> t.replace("\\.", ".")).toList();
    }

    /** The patterns that are not valid regular expressions. */
    public List<String> invalidPatterns() {
        return Stream.of(schemaInclude, schemaExclude, tableInclude, tableExclude).flatMap(List::stream)
                .filter(p -> compile(p) == null).toList();
    }

    private static boolean matchesAny(List<String> patterns, String value) {
        for (String p : patterns) {
            Pattern compiled = compile(p);
            if (compiled != null && compiled.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            return null; // reported through invalidPatterns()
        }
    }
}
