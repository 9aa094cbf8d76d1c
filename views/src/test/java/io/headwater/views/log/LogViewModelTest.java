package io.headwater.views.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.verify.FakeWorkbench;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final FakeWorkbench workbench = new FakeWorkbench();
    private final AtomicLong nanos = new AtomicLong();
    private final LogViewModel vm = new LogViewModel(workbench, new WorkbenchState(), SAME_THREAD, SAME_THREAD, nanos::get);

    private static LogRecord record(long offset) {
        return new LogRecord(new LogPosition(new PartitionRef("customers", 0), offset), ("{\"id\":" + offset + "}").getBytes(StandardCharsets.UTF_8),
                ("{\"email\":\"user" + offset + "@x.org\"}").getBytes(StandardCharsets.UTF_8), T0.plusSeconds(offset));
    }

    private void logOf(int n) {
        for (int i = 0; i < n; i++) {
            workbench.log.add(record(i));
        }
    }

    @Test
    void choosesTheFirstTopicAndShowsItsFirstPage() {
        logOf(250);
        vm.load();

        assertThat(vm.topicProperty().get()).isEqualTo(FakeWorkbench.TOPIC);
        assertThat(vm.partitions()).containsExactly(new PartitionInfo(0, 0, 250));
        assertThat(vm.records()).hasSize(LogViewModel.PAGE_SIZE);
        assertThat(vm.records().get(0).key()).isEqualTo("{\"id\":0}");
        assertThat(vm.pageProperty().get()).isEqualTo("offsets 0–99 of 0–249");
        assertThat(vm.hasPreviousProperty().get()).isFalse();
        assertThat(vm.hasNextProperty().get()).isTrue();
    }

    @Test
    void pagesForwardAndBack() {
        logOf(250);
        vm.load();

        vm.nextPage();
        vm.nextPage();
        assertThat(vm.pageProperty().get()).isEqualTo("offsets 200–249 of 0–249");
        assertThat(vm.hasNextProperty().get()).isFalse();
        vm.previousPage();
        assertThat(vm.records().get(0).offset()).isEqualTo(100);
        assertThat(vm.hasPreviousProperty().get()).isTrue();
    }

    @Test
    void browsesFromAnOffsetOrATime() {
        logOf(250);
        vm.load();

        vm.positionTextProperty().set("120");
        vm.browse();
        assertThat(vm.records().get(0).offset()).isEqualTo(120);

        vm.positionProperty().set(LogViewModel.Position.TIME);
        vm.positionTextProperty().set(T0.plusSeconds(42).toString());
        vm.browse();
        assertThat(vm.records().get(0).offset()).isEqualTo(42);
        assertThat(workbench.calls).contains("browse kafka.customers 0 0 " + T0.plusSeconds(42) + " 100");
    }

    @Test
    void anInvalidTimeIsExplained() {
        logOf(5);
        vm.load();
        vm.positionProperty().set(LogViewModel.Position.TIME);
        vm.positionTextProperty().set("noon");

        vm.browse();

        assertThat(vm.failureProperty().get().message()).isEqualTo("'noon' is not a time: enter it like 2026-11-25T10:00:00Z");
    }

    @Test
    void searchHitsAccumulateAsTheyAreFoundWithProgress() {
        logOf(10);
        vm.load();
        List<Integer> hitsSeen = new ArrayList<>();
        List<String> statusSeen = new ArrayList<>();
        workbench.search = (topic, text, max, c, progress, hits) -> {
            hits.accept(record(3));
            hitsSeen.add(vm.search().hits().size());
            nanos.addAndGet(1_000_000_000L);
            progress.progress(2_000, 10_000, "records");
            statusSeen.add(vm.search().statusProperty().get());
            hits.accept(record(7));
            hitsSeen.add(vm.search().hits().size());
            return 10_000;
        };
        vm.search().textProperty().set("user");

        vm.search().run();

        assertThat(hitsSeen).containsExactly(1, 2);
        assertThat(statusSeen).containsExactly("1 hits · 2,000 / 10,000 records · 2,000 records/s · ETA 0:04");
        assertThat(vm.search().hits()).extracting(LogRow::offset).containsExactly(3L, 7L);
        assertThat(vm.search().statusProperty().get()).isEqualTo("2 hits for 'user' in 10,000 records of kafka.customers");
        assertThat(vm.search().runningProperty().get()).isFalse();
    }

    @Test
    void aCancelledSearchKeepsItsHits() {
        logOf(10);
        vm.load();
        workbench.search = (topic, text, max, c, progress, hits) -> {
            hits.accept(record(1));
            vm.search().cancel();
            c.check("search");
            return 1;
        };
        vm.search().textProperty().set("x");

        vm.search().run();

        assertThat(vm.search().hits()).hasSize(1);
        assertThat(vm.search().statusProperty().get()).isEqualTo("Search cancelled: 1 hits so far");
        assertThat(vm.failureProperty().get()).isNull();
    }

    @Test
    void theSearchStopsAtTheHitLimit() {
        logOf(1);
        vm.load();
        workbench.search = (topic, text, max, c, progress, hits) -> {
            long i = 0;
            while (!c.isCancelled()) {
                hits.accept(record(i++));
            }
            c.check("search");
            return i;
        };
        vm.search().textProperty().set("user");

        vm.search().run();

        assertThat(vm.search().hits()).hasSize(LogSearchModel.MAX_HITS);
        assertThat(vm.search().statusProperty().get()).isEqualTo("Stopped at the first 1,000 hits for 'user'");
    }

    @Test
    void aFailedSearchReachesTheFailureProperty() {
        vm.load();
        workbench.search = (topic, text, max, c, progress, hits) -> {
            throw new HeadwaterException("broker unreachable");
        };
        vm.search().textProperty().set("x");

        vm.search().run();

        assertThat(vm.failureProperty().get().message()).isEqualTo("broker unreachable");
    }

    @Test
    void showsAnEntitysHistoryWithTheChangedFields() {
        vm.load();
        workbench.entityHistory = List.of(
                new HistoryEntry(new LogPosition(new PartitionRef("customers", 0), 3), T0, ChangeOp.CREATE, null,
                        Row.of("id", 42L, "email", "a@x.org"), List.of("id", "email"), null),
                new HistoryEntry(new LogPosition(new PartitionRef("customers", 0), 9), T0.plusSeconds(5), ChangeOp.UPDATE,
                        Row.of("id", 42L, "email", "a@x.org"), Row.of("id", 42L, "email", "b@x.org"), List.of("email"), null));
        vm.history().datasetProperty().set(FakeWorkbench.SEARCH);
        vm.history().keyProperty().set(" 42 ");

        vm.history().load();

        assertThat(workbench.calls).contains("entityHistory search.customers 42");
        assertThat(vm.history().entries()).hasSize(2);
        assertThat(vm.history().statusProperty().get()).isEqualTo("2 change(s) of search.customers key 42, oldest first");
        assertThat(ChangeLine.of(vm.history().entries().get(1))).containsExactly(new ChangeLine("id", "42", "42", false),
                new ChangeLine("email", "a@x.org", "b@x.org", true));
        assertThat(ChangeLine.of(vm.history().entries().get(0))).as("a create has nothing before it to differ from")
                .containsExactly(new ChangeLine("id", "—", "42", false), new ChangeLine("email", "—", "a@x.org", false));
        assertThat(vm.history().datasets()).contains(FakeWorkbench.TOPIC, FakeWorkbench.SEARCH, FakeWorkbench.BLOBS);
    }
}
