package io.headwater.connectors.demo;

import io.headwater.engine.StoreException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Writes the demo domain into PostgreSQL: a seeded initial population and, through
 * {@link #randomOperation()}, one random business operation at a time for the load generator.
 * The same seed and the same sequence of calls give the same data. Not thread-safe: one writer.
 */
public final class DemoDataGenerator {
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret",
        "Tim", "Radia", "Ken", "Leslie", "Niklaus", "Hedy", "Linus", "Sophie", "Yukihiro", "Anders", "Guido"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy",
        "Hamilton", "Berners-Lee", "Perlman", "Thompson", "Lamport", "Wirth", "Lamarr", "Torvalds", "Wilson", "Matsumoto"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "GB", "ES", "IT", "SE", "PL", "PT", "IE"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "GBP", "SEK", "PLN"};

    private final Connection connection;
    private Random random;
    private long nextCustomer;
    private long nextAccount;
    private long nextDocument;
    private final List<Long> accounts = new ArrayList<>();
    private final List<Long> customers = new ArrayList<>();
    private final List<Long> documents = new ArrayList<>();

    /** Uses {@code connection} (auto-commit is turned off; each operation commits itself). */
    public DemoDataGenerator(Connection connection, long seed) {
        this.connection = connection;
        try {
            connection.setAutoCommit(false);
            loadIds();
            // The same seed on the same data gives the same operations; a restart on grown data
            // continues with a different but still repeatable sequence.
            this.random = new Random(seed * 1_000_003L + nextCustomer * 31L + nextDocument);
        } catch (SQLException e) {
            throw new StoreException("cannot read the demo tables: " + e.getMessage(), e);
        }
    }

    private void loadIds() throws SQLException {
        try (Statement st = connection.createStatement()) {
            nextCustomer = loadInto(st, "SELECT id FROM customers ORDER BY id", customers) + 1;
            nextAccount = loadInto(st, "SELECT id FROM accounts ORDER BY id", accounts) + 1;
            nextDocument = loadInto(st, "SELECT id FROM documents ORDER BY id", documents) + 1;
        }
        connection.commit();
    }

    private static long loadInto(Statement st, String sql, List<Long> into) throws SQLException {
        long max = 0;
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                into.add(rs.getLong(1));
                max = Math.max(max, rs.getLong(1));
            }
        }
        return max;
    }

    /** Whether the tables hold no customer yet. */
    public boolean isEmpty() {
        return customers.isEmpty();
    }

    /**
     * The initial population: {@code customerCount} customers with one or two accounts each, some
     * documents, and transfers spread over the last 30 days.
     */
    public void seed(int customerCount, int transferCount, int documentCount) {
        Instant now = Instant.now();
        try {
            for (int i = 0; i < customerCount; i++) {
                Instant created = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 365)));
                long c = insertCustomer(created);
                insertAccount(c, created);
                if (random.nextInt(3) == 0) {
                    insertAccount(c, created);
                }
            }
            for (int i = 0; i < documentCount; i++) {
                insertDocument(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 90))));
            }
            for (int i = 0; i < transferCount; i++) {
                insertTransfer(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 30))));
                if (i % 500 == 499) {
                    connection.commit();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot seed the demo data: " + e.getMessage(), e);
        }
    }

    /** Performs one random business operation in its own transaction and says which. */
    public String randomOperation() {
        int dice = random.nextInt(100);
        Instant now = Instant.now();
        try {
            String what;
            if (dice < 35 && accounts.size() >= 2) {
                insertTransfer(now);
                what = "transfer";
            } else if (dice < 50) {
                long c = insertCustomer(now);
                insertAccount(c, now);
                what = "new customer";
            } else if (dice < 72 && !customers.isEmpty()) {
                updateCustomer(now);
                what = "update customer";
            } else if (dice < 82) {
                insertDocument(now);
                what = "new document";
            } else if (dice < 87 && !documents.isEmpty()) {
                deleteDocument();
                what = "delete document";
            } else if (dice < 91 && customers.size() > 10) {
                deleteCustomer();
                what = "delete customer";
            } else if (!accounts.isEmpty()) {
                deposit();
                what = "deposit";
            } else {
                insertCustomer(now);
                what = "new customer";
            }
            connection.commit();
            return what;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("demo operation failed in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private long insertCustomer(Instant at) throws SQLException {
        long id = nextCustomer++;
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO customers (id, name, email, phone, country, created_at, updated_at, notes) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, id);
            ps.setString(2, first + " " + last);
            ps.setString(3, emailOf(first, last, id));
            ps.setString(4, String.format("+49 30 %07d", random.nextInt(10_000_000)));
            ps.setString(5, COUNTRIES[random.nextInt(COUNTRIES.length)]);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setTimestamp(7, Timestamp.from(at));
            ps.setString(8, notesFor(id));
            ps.executeUpdate();
        }
        customers.add(id);
        return id;
    }

    private String emailOf(String first, String last, long id) {
        // Mixed case on purpose: the search index stores lower(email), the cache the original.
        String name = random.nextBoolean() ? first + "." + last : first.toLowerCase() + last.charAt(0);
        return name.replace("-", "") + id + "@example.org";
    }

    private void insertAccount(long customer, Instant at) throws SQLException {
        long id = nextAccount++;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO accounts (id, customer_id, iban, currency, balance, opened_at) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, id);
            ps.setLong(2, customer);
            ps.setString(3, String.format("DE%02d5001051%011d", 10 + random.nextInt(89), id));
            ps.setString(4, CURRENCIES[random.nextInt(CURRENCIES.length)]);
            ps.setBigDecimal(5, money(100 + random.nextInt(10_000)));
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
        }
        accounts.add(id);
    }

    private void insertTransfer(Instant at) throws SQLException {
        long from = accounts.get(random.nextInt(accounts.size()));
        long to = accounts.get(random.nextInt(accounts.size()));
        if (from == to) {
            return;
        }
        BigDecimal amount = money(1 + random.nextInt(500));
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO transfers (request_id, from_account, to_account, amount, created_at) VALUES (?,?,?,?,?)"
                        + " ON CONFLICT (request_id) DO NOTHING")) {
            ps.setObject(1, new UUID(random.nextLong(), random.nextLong()));
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setBigDecimal(4, amount);
            ps.setTimestamp(5, Timestamp.from(at));
            if (ps.executeUpdate() == 0) {
                return; // this request id was already applied: idempotent, like the seed's ON CONFLICT DO NOTHING
            }
        }
        adjustBalance(from, amount.negate());
        adjustBalance(to, amount);
    }

    private void adjustBalance(long account, BigDecimal delta) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
            ps.setBigDecimal(1, delta);
            ps.setLong(2, account);
            ps.executeUpdate();
        }
    }

    private void deposit() throws SQLException {
        adjustBalance(accounts.get(random.nextInt(accounts.size())), money(10 + random.nextInt(200)));
    }

    private void updateCustomer(Instant at) throws SQLException {
        long id = customers.get(random.nextInt(customers.size()));
        String column = random.nextBoolean() ? "email" : "phone";
        String value = column.equals("email")
                ? "Moved" + random.nextInt(1000) + "." + id + "@Example.net"
                : String.format("+33 1 %08d", random.nextInt(100_000_000));
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE customers SET " + column + " = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, value);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private void deleteCustomer() throws SQLException {
        int idx = random.nextInt(customers.size());
        long id = customers.remove(idx);
        List<Long> gone = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM accounts WHERE customer_id = ? RETURNING id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.add(rs.getLong(1));
                }
            }
        }
        accounts.removeAll(gone);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private void insertDocument(Instant at) throws SQLException {
        long id = nextDocument++;
        long customer = customers.isEmpty() ? 0 : customers.get(random.nextInt(customers.size()));
        byte[] content = documentBytes(id, customer, 512 + random.nextInt(4096));
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO documents"
                + " (id, customer_id, title, content_type, size, content_sha256, content, created_at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, id);
            ps.setLong(2, customer);
            ps.setString(3, "Statement " + id);
            ps.setString(4, "text/plain");
            ps.setInt(5, content.length);
            ps.setString(6, sha256(content));
            ps.setBytes(7, content);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
        }
        documents.add(id);
    }

    private void deleteDocument() throws SQLException {
        long id = documents.remove(random.nextInt(documents.size()));
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private byte[] documentBytes(long id, long customer, int size) {
        StringBuilder sb = new StringBuilder("Account statement ").append(id).append(" for customer ").append(customer).append('\n');
        while (sb.length() < size) {
            sb.append(String.format("%08d  %-20s %10.2f%n", random.nextInt(100_000_000), "transfer", random.nextDouble() * 1000));
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private BigDecimal money(int whole) {
        return BigDecimal.valueOf(whole).add(BigDecimal.valueOf(random.nextInt(100), 2)).setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * The free-text notes of a customer, PLANTED for the audit (the column is undeclared in the demo
     * config): a phone number for ids 7, 27, 47, ... (id % 20 == 7), a Luhn-valid payment card number
     * for ids 13, 63, 113, ... (id % 50 == 13), a harmless remark for ids with id % 20 == 3, else none.
     * Derived from the id alone, so the random sequence of the rest of the data is unchanged.
     */
    public static String notesFor(long id) {
        if (id % 20 == 7) {
            return String.format("Prefers a call back on +44 20 7946 %04d after 5pm", id % 10_000);
        }
        if (id % 50 == 13) {
            String partial = String.format("453914%09d", id);
            String card = partial + io.headwater.engine.audit.pii.Checksums.luhnCheckDigit(partial);
            return "Paid the card fee by phone, card " + card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);
        }
        return id % 20 == 3 ? "Asked for paper statements" : null;
    }

    /** The lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(DemoDataGenerator.class).debug("rollback failed after an error", e);
        }
    }
}
