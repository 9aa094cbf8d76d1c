package io.headwater.tests.attach;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo pipeline with one more derived store: {@code warehouse.customers}, a table in a
 * PostgreSQL or MySQL/MariaDB database the test names, declared {@code writable: true} and kept by a
 * consume flow Headwater runs ({@code warehouse-customers}) from the captured customers topic.
 */
public final class SqlTablePipeline {
    public static final String FLOW = "warehouse-customers";
    public static final String DATASET = "warehouse.customers";

    private SqlTablePipeline() {
    }

    /** Writes the config into {@code dir} and returns its path. */
    public static Path write(Path dir, String kind, String address, String database, String user) throws IOException {
        Path demo = Path.of(System.getProperty("headwater.repo.root", "..")).toAbsolutePath().normalize().resolve("sample-configs/demo.yaml");
        String system = """
                  - id: warehouse
                    kind: %s
                    role: derived
                    writable: true
                    address: %s
                    database: %s
                    user: %s
                    datasets:
                      - id: customers
                        name: customers
                        key: id
                        fields: { id: integer, name: string, email: string, country: string }

                """.formatted(kind, address, database, user);
        String flow = """

                  - id: %s
                    kind: consume
                    runs: headwater
                    from: kafka.customers
                    to: warehouse.customers
                    mapping:
                      id: id
                      name: name
                      email: lower(email)
                      country: country
                """.formatted(FLOW);
        String text = Files.readString(demo);
        int flows = text.indexOf("\nflows:\n");
        Path file = dir.resolve("warehouse.yaml");
        Files.writeString(file, text.substring(0, flows + 1) + system + text.substring(flows + 1) + flow);
        return file;
    }

    public static Pipeline load(Path config, Path dataDir) {
        return new PipelineLoader().load(config).withDataDir(dataDir);
    }
}
