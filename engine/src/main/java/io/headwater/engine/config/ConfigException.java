package io.headwater.engine.config;

import io.headwater.engine.HeadwaterException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline config has problems. Carries every problem the loader found (it never stops at the
 * first); the message lists them, one rendered {@link ConfigProblem} per line, in line order.
 */
public final class ConfigException extends HeadwaterException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(List<ConfigProblem> problems, Throwable cause) {
        super(render(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in line order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a config exception needs at least one problem");
        }
        return problems.stream().map(ConfigProblem::render).collect(Collectors.joining("\n"));
    }
}
