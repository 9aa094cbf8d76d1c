package io.headwater.engine.discover;

import java.util.List;
import java.util.Locale;

/**
 * What a connector runtime says of a connector: its state ({@code RUNNING}, {@code PAUSED},
 * {@code STOPPED}, {@code FAILED}, {@code UNASSIGNED}, {@code RESTARTING}), the worker it runs on, the
 * error trace when it failed, and its tasks. Immutable.
 *
 * @param state    the connector's state, upper case
 * @param workerId the worker running it, or an empty string
 * @param trace    the error trace of a failed connector, or an empty string
 * @param tasks    its tasks, in id order
 */
public record ConnectorState(String state, String workerId, String trace, List<TaskState> tasks) {
    /** Nothing known: a connector read from a file, or a runtime that did not say. */
    public static final ConnectorState UNKNOWN = new ConnectorState("UNKNOWN", "", "", List.of());

    public ConnectorState {
        state = state == null || state.isBlank() ? "UNKNOWN" : state.toUpperCase(Locale.ROOT);
        workerId = workerId == null ? "" : workerId;
        trace = trace == null ? "" : trace;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** Whether the connector or one of its tasks has failed. */
    public boolean failed() {
        return state.equals("FAILED") || tasks.stream().anyMatch(t -> t.state().equals("FAILED"));
    }

    /** Whether the connector and every task run (and there is at least one task). */
    public boolean running() {
        return state.equals("RUNNING") && !tasks.isEmpty() && tasks.stream().allMatch(t -> t.state().equals("RUNNING"));
    }

    /** One line: {@code RUNNING, tasks 0 RUNNING, 1 FAILED}. */
    public String summary() {
        if (tasks.isEmpty()) {
            return state + (state.equals("UNKNOWN") ? "" : ", no tasks");
        }
        StringBuilder s = new StringBuilder(state).append(", task");
        s.append(tasks.size() == 1 ? " " : "s ");
        for (int i = 0; i < tasks.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(tasks.get(i).id()).append(' ').append(tasks.get(i).state());
        }
        return s.toString();
    }

    /**
     * One task of a connector.
     *
     * @param id       the task's number
     * @param state    its state, upper case
     * @param workerId the worker running it
     * @param trace    the error trace of a failed task, or an empty string
     */
    public record TaskState(int id, String state, String workerId, String trace) {
        public TaskState {
            state = state == null || state.isBlank() ? "UNKNOWN" : state.toUpperCase(Locale.ROOT);
            workerId = workerId == null ? "" : workerId;
            trace = trace == null ? "" : trace;
        }
    }
}
