package io.headwater.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FxDialogServiceTraceTest {
    @Test
    void detailsShowEveryCauseWithItsStack() {
        IllegalStateException error = new IllegalStateException("batch not committed", new IOException("disk full"));

        String trace = FxDialogService.trace(error);

        assertThat(trace).startsWith("java.lang.IllegalStateException: batch not committed\n")
                .contains("\tat io.headwater.views.shell.FxDialogServiceTraceTest.detailsShowEveryCauseWithItsStack")
                .contains("Caused by: java.io.IOException: disk full\n");
    }
}
