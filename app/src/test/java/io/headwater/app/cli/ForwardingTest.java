package io.headwater.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingTest {
    @Test
    void makesAnOpenLineageFileAbsoluteForTheHoldingProcessButLeavesUrlsAndTheConsole() {
        String absolute = Path.of("events.ndjson").toAbsolutePath().toString();
        assertThat(Forwarding.fileTargetsAbsolute(List.of("verify", "--openlineage", "events.ndjson")))
                .containsExactly("verify", "--openlineage", absolute);
        assertThat(Forwarding.fileTargetsAbsolute(List.of("verify", "--openlineage=events.ndjson")))
                .containsExactly("verify", "--openlineage=" + absolute);
        assertThat(Forwarding.fileTargetsAbsolute(List.of("verify", "--openlineage", "http://marquez:5000", "--flow", "x")))
                .containsExactly("verify", "--openlineage", "http://marquez:5000", "--flow", "x");
        assertThat(Forwarding.fileTargetsAbsolute(List.of("verify", "--openlineage", "-"))).containsExactly("verify", "--openlineage", "-");
    }
}
