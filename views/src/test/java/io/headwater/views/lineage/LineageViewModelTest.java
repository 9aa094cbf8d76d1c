package io.headwater.views.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.views.common.WorkbenchState;
import io.headwater.views.shell.DemoModel;
import io.headwater.views.shell.FakeWorkbench;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineageViewModelTest {
    private static final Executor SAME_THREAD = Runnable::run;

    private final Pipeline demo = DemoModel.load();
    private final WorkbenchState state = new WorkbenchState();
    private LineageViewModel vm;

    @BeforeEach
    void load() {
        vm = new LineageViewModel(new FakeWorkbench(demo), state, SAME_THREAD, SAME_THREAD);
        vm.load().join();
    }

    @Test
    void listsEveryFieldWithItsPiiAndRetentionTags() {
        FieldItem email = vm.fields().stream().filter(f -> f.ref().toString().equals("pg.customers.email")).findFirst().orElseThrow();
        assertThat(email.pii()).containsExactly("email");
        assertThat(email.retention()).isEqualTo("7y");
        assertThat(email.tagsText()).isEqualTo("pii:email, retention:7y");
        assertThat(vm.fields()).hasSize((int) demo.datasets().mapToLong(d -> d.fields().size()).sum());
    }

    @Test
    void filtersByNameOrTag() {
        vm.filterProperty().set("pii:phone");
        assertThat(vm.fields()).extracting(f -> f.ref().toString()).contains("pg.customers.phone", "cache.customers.phone")
                .doesNotContain("pg.customers.email");
        vm.filterProperty().set("");
        assertThat(vm.fields().size()).isGreaterThan(20);
    }

    @Test
    void pickingAFieldListsWhereItGoesWithThePathAndHighlightsIt() {
        vm.pick(FieldRef.parse("pg.customers.email")).join();

        assertThat(vm.rows()).filteredOn(r -> r.direction().equals(LineageRow.DOWNSTREAM)).extracting(LineageRow::field)
                .contains("kafka.customers.email", "search.customers.email", "cache.customers.email");
        LineageRow search = vm.rows().stream().filter(r -> r.field().equals("search.customers.email")).findFirst().orElseThrow();
        assertThat(search.path()).isEqualTo("pg.customers.email -> kafka.customers.email -> search.customers.email [lower(email)]");
        assertThat(search.tags()).contains("pii:email");
        assertThat(vm.summaryProperty().get()).contains("pg.customers.email").contains("origin");

        WorkbenchState.Highlight h = state.highlight();
        assertThat(h.selected()).isEqualTo(FieldRef.parse("pg.customers.email"));
        assertThat(h.fields()).contains(FieldRef.parse("search.customers.email"), FieldRef.parse("cache.customers.email"));
        assertThat(h.paths()).isNotEmpty();
    }

    @Test
    void aDerivedFieldShowsItsUpstreamOrigin() {
        vm.pick(FieldRef.parse("search.customers.email")).join();
        assertThat(vm.rows()).filteredOn(r -> r.direction().equals(LineageRow.UPSTREAM)).extracting(LineageRow::field)
                .contains("kafka.customers.email", "pg.customers.email");
        assertThat(vm.summaryProperty().get()).contains("computed from");
    }

    @Test
    void clearingRemovesTheHighlight() {
        vm.pick(FieldRef.parse("pg.customers.email")).join();
        vm.clear();
        assertThat(state.highlight()).isEqualTo(WorkbenchState.Highlight.NONE);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.pickedProperty().get()).isNull();
    }
}
