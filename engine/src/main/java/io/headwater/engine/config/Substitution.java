package io.headwater.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config text, shell style: the default
 * applies when the variable is unset or empty. {@code ${file:PATH}} is replaced by the content of
 * a file (a secret mounted by Kubernetes or Docker, say), without its trailing line break; {@code ~/}
 * at the start of PATH is the user's home. Error messages name variables and files, never values.
 */
final class Substitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FILE_PREFIX = "file:";

    private final Function<String, String> environment;

    Substitution(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The outcome of substituting one text.
     *
     * @param value    the text with every reference replaced (partial when there are errors)
     * @param variable the variable when the whole text was one reference, else null
     * @param errors   messages about unset variables or malformed references
     */
    record Result(String value, String variable, List<String> errors) {
    }

    Result apply(String raw) {
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        int i = 0;
        boolean single = false;
        while (i < raw.length()) {
            int start = raw.indexOf("${", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            out.append(raw, i, start);
            int end = closingBrace(raw, start + 2);
            if (end < 0) {
                errors.add("has an unterminated '${': write ${NAME} or ${NAME:-default}");
                break;
            }
            single = start == 0 && end == raw.length() - 1;
            out.append(resolve(raw.substring(start + 2, end), variables, errors));
            i = end + 1;
        }
        return new Result(out.toString(), single && !variables.isEmpty() ? variables.get(0) : null, List.copyOf(errors));
    }

    /** The index of the brace closing a reference whose body starts at {@code from}; -1 if none. */
    private static int closingBrace(String raw, int from) {
        int depth = 0;
        for (int i = from; i < raw.length(); i++) {
            if (raw.startsWith("${", i)) {
                depth++;
                i++;
            } else if (raw.charAt(i) == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private String resolve(String reference, List<String> variables, List<String> errors) {
        if (reference.startsWith(FILE_PREFIX)) {
            return readFile(reference, variables, errors);
        }
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            errors.add("has an invalid variable reference: write ${NAME} or ${NAME:-default}");
            return "";
        }
        variables.add(name);
        String value = environment.apply(name);
        if (sep >= 0 && (value == null || value.isEmpty())) {
            // The default may itself use variables: ${HW_DATA:-~/hw/${HW_NAME}}.
            Result fallback = apply(reference.substring(sep + 2));
            errors.addAll(fallback.errors());
            return fallback.value();
        }
        if (value == null) {
            errors.add("uses environment variable " + name + ", which is not set (write ${" + name + ":-default} for a default)");
            return "";
        }
        return value;
    }

    private static String readFile(String reference, List<String> variables, List<String> errors) {
        String text = reference.substring(FILE_PREFIX.length()).trim();
        if (text.isEmpty()) {
            errors.add("has an empty file reference: write ${file:/path/to/secret}");
            return "";
        }
        Path file = text.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(text.substring(2)) : Path.of(text);
        variables.add(reference);
        try {
            String content = Files.readString(file);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException | InvalidPathException e) {
            errors.add("reads file " + file + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
            return "";
        }
    }
}
