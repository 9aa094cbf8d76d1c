package io.headwater.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.pipeline.PipelineRuntime;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class PipelineStatusViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;

    /** A fixed runtime: the view model under test only reads what a runtime reports. */
    private static final class FixedRuntime implements PipelineRuntime {
        final List<List<SystemStatus>> answers = new ArrayList<>();
        final LatencyRecorder latency = new LatencyRecorder();
        int asked;

        @Override
        public Pipeline pipeline() {
            return new Pipeline("demo", null, Path.of("/tmp/x"), List.of(), List.of());
        }

        @Override
        public List<SystemStatus> status() {
            return answers.get(Math.min(asked++, answers.size() - 1));
        }

        @Override
        public Map<String, LatencyRecorder> latencies() {
            return Map.of("index-customers", latency);
        }

        @Override
        public void close() {
        }
    }

    private static SystemStatus search(long size, long lag) {
        return new SystemStatus("search", SystemKind.LUCENE, Role.DERIVED, true, "embedded", "",
                List.of(new DatasetStatus(new DatasetRef("search", "customers"), size, lag, "")));
    }

    @Test
    void reportsEachStartupStepThenGoesLiveWithRows() {
        FixedRuntime rt = new FixedRuntime();
        rt.answers.add(List.of(search(10, 3)));
        List<String> phases = new ArrayList<>();
        PipelineStatusViewModel vm = new PipelineStatusViewModel(SAME_THREAD, SAME_THREAD, listener -> {
            listener.progress(1, 2, "Starting PostgreSQL");
            listener.progress(2, 2, "Starting Kafka");
            return rt;
        });
        vm.phaseProperty().addListener((o, a, b) -> phases.add(b));

        vm.start().join();

        assertThat(phases).containsSubsequence("Starting PostgreSQL", "Starting Kafka", "Live");
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.titleProperty().get()).isEqualTo("Headwater — demo");
        assertThat(vm.rows()).extracting(StatusRow::dataset).containsExactly("", "search.customers");
        assertThat(vm.rows().get(1).lagText()).isEqualTo("3 behind");
    }

    @Test
    void refreshShowsNewSizesAndCaughtUp() {
        FixedRuntime rt = new FixedRuntime();
        rt.answers.add(List.of(search(10, 3)));
        rt.answers.add(List.of(search(12, 0)));
        PipelineStatusViewModel vm = new PipelineStatusViewModel(SAME_THREAD, SAME_THREAD, l -> rt);
        vm.start().join();

        vm.refresh().join();

        assertThat(vm.rows().get(1).sizeText()).isEqualTo("12");
        assertThat(vm.rows().get(1).lagText()).isEqualTo("caught up");
    }

    @Test
    void startFailureShowsTheMessageAndStaysNotLive() {
        PipelineStatusViewModel vm = new PipelineStatusViewModel(SAME_THREAD, SAME_THREAD, l -> {
            throw new ConnectionException("kafka", "localhost:9", "connection refused", null);
        });

        vm.start().join();

        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.phaseProperty().get()).isEqualTo("Failed to start");
        assertThat(vm.errorProperty().get()).isEqualTo("system 'kafka' at localhost:9 is unreachable: connection refused");
    }

    @Test
    void latencyLineNamesPercentilesOnceChangesArrive() {
        FixedRuntime rt = new FixedRuntime();
        rt.answers.add(List.of(search(1, 0)));
        PipelineStatusViewModel vm = new PipelineStatusViewModel(SAME_THREAD, SAME_THREAD, l -> rt);
        vm.start().join();
        assertThat(vm.latencyProperty().get()).contains("no changes yet");

        for (int i = 1; i <= 100; i++) {
            rt.latency.record(i);
        }
        vm.refresh().join();

        assertThat(vm.latencyProperty().get()).isEqualTo("commit → derived latency: p50 50 ms, p99 99 ms (slowest flow)");
    }
}
