package io.headwater.tests.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo pipeline (sample-configs/demo.yaml) with its {@code search} system moved to an attached,
 * writable OpenSearch node whose flows Headwater runs: {@code search.customers} (with
 * {@code key-field: id}, a {@code created_at} timestamp and a 30-day retention on the e-mail) and
 * {@code search.accounts} (by {@code customer_id}, for erasure traces by subject field).
 */
final class DemoOnOpenSearch {
    private static final String LUCENE_SEARCH = """
              - id: search
                kind: lucene
                role: derived
                embedded: true
                datasets:
                  - id: customers
                    name: customers
                    key: id
                    fields:
                      id: integer
                      name: { type: string, tags: [pii:name] }
                      email: { type: string, tags: [pii:email] }
                      country: string
            """;
    private static final String INDEX_CUSTOMERS = """
              - id: index-customers
                kind: consume
                from: kafka.customers
                to: search.customers
                mapping:
                  id: id
                  name: name
                  email: lower(email)
                  country: country
            """;

    private DemoOnOpenSearch() {
    }

    /** Writes the config into {@code dir} for the node answering on {@code port}; returns its path. */
    static Path write(Path dir, int port) throws IOException {
        Path repo = Path.of(System.getProperty("headwater.repo.root", "..")).toAbsolutePath().normalize();
        String demo = Files.readString(repo.resolve("sample-configs/demo.yaml"));
        if (!demo.contains(LUCENE_SEARCH) || !demo.contains(INDEX_CUSTOMERS)) {
            throw new IllegalStateException("sample-configs/demo.yaml no longer declares search.customers as this test expects");
        }
        String config = demo.replace(LUCENE_SEARCH, """
                  - id: search
                    kind: opensearch
                    role: derived
                    address: 127.0.0.1:%d
                    writable: true
                    datasets:
                      - id: customers
                        name: customers
                        key-field: id
                        key: id
                        timestamp: created_at
                        fields:
                          id: integer
                          name: { type: string, tags: [pii:name] }
                          email: { type: string, tags: [pii:email, retention:30d] }
                          country: string
                          created_at: timestamp
                      - id: accounts
                        name: accounts
                        key-field: id
                        key: id
                        fields:
                          id: integer
                          customer_id: integer
                          iban: { type: string, tags: [pii:iban] }
                """.formatted(port)).replace(INDEX_CUSTOMERS, """
                  - id: index-customers
                    kind: consume
                    runs: headwater
                    from: kafka.customers
                    to: search.customers
                    mapping:
                      id: id
                      name: name
                      email: lower(email)
                      country: country
                      created_at: created_at

                  - id: index-accounts
                    kind: consume
                    runs: headwater
                    from: kafka.accounts
                    to: search.accounts
                    mapping:
                      id: id
                      customer_id: customer_id
                      iban: iban
                """);
        Path file = dir.resolve("demo-opensearch.yaml");
        Files.writeString(file, config);
        return file;
    }
}
