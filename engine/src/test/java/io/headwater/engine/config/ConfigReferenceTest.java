package io.headwater.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/config-reference.md} is what the declarations generate. Run with
 * {@code -Dheadwater.regenerate=true} to rewrite it (see {@link ConfigReference#REGENERATE}).
 */
class ConfigReferenceTest {
    private static final Path COMMITTED = Path.of("..").resolve(ConfigReference.FILE);

    @Test
    void committedReferenceIsWhatTheDeclarationsGenerate() throws IOException {
        if (Boolean.getBoolean("headwater.regenerate")) {
            ConfigReference.write(COMMITTED);
        }
        String hint = ConfigReference.FILE + " is stale or missing: regenerate it from the repository's root with\n  "
                + ConfigReference.REGENERATE + "\nand commit it";

        assertThat(COMMITTED).as(hint).exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8)).as(hint).isEqualTo(ConfigReference.markdown());
    }

    @Test
    void everyDeclaredKeyHasARowInItsSectionsTable() {
        String markdown = ConfigReference.markdown();

        for (ConfigSection section : ConfigSection.values()) {
            int start = markdown.indexOf("\n## " + section.title() + "\n");
            int end = markdown.indexOf("\n## ", start + 1);
            String body = markdown.substring(start, end < 0 ? markdown.length() : end);
            assertThat(start).as(section.title()).isNotNegative();
            for (ConfigKey key : section.keys()) {
                assertThat(body).as(section.title() + " " + key.name()).contains("\n| `" + key.name() + "` | " + key.type().describe() + " | ");
            }
        }
    }

    @Test
    void referenceStatesDefaultsAppliesToAndSecrecy() {
        String markdown = ConfigReference.markdown();

        assertThat(markdown).contains("| `runs` | one of headwater, external | `headwater` when both ends are hosted, else `external` | all |");
        assertThat(markdown).contains("| `slot` | string | — | cdc |");
        assertThat(markdown).contains("| `password` | string | — | h2, postgres, mysql, redis, opensearch, elasticsearch |").contains("Secret: never printed.");
        assertThat(markdown).contains("| `apply` | one of idempotent, naive | `idempotent` |");
        assertThat(markdown).contains("| `pipeline` | name | required | all |");
        assertThat(markdown).contains("Avro needs a schema registry and is not supported yet");
    }

    @Test
    void mainWritesTheReferenceToTheGivenFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("docs").resolve("config-reference.md");

        ConfigReference.main(new String[] {target.toString()});

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(ConfigReference.markdown());
    }
}
