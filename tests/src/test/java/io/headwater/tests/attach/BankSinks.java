package io.headwater.tests.attach;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the bank's own sink services would have written into the derived stores of
 * {@code sample-configs/bank-attach.yaml}: the Redis cache of customers (one hash per customer), the
 * reporting table of transfers (PostgreSQL) and the finance table of accounts (MariaDB).
 */
final class BankSinks {
    private BankSinks() {
    }

    static void fillCache(RedisCommands<String, String> redis, String prefix, List<Map<String, Object>> customers) {
        for (Map<String, Object> c : customers) {
            redis.hset(prefix + c.get("id"), Map.of("id", c.get("id").toString(), "email", c.get("email").toString(),
                    "country", c.get("country").toString()));
        }
    }

    static void fillReporting(String database, List<Map<String, Object>> transfers) throws SQLException {
        LocalPostgres.execute(database, "CREATE TABLE transfers (request_id uuid PRIMARY KEY, from_account integer NOT NULL, "
                + "to_account integer NOT NULL, amount numeric(12,2) NOT NULL)");
        try (Connection c = LocalPostgres.connect(database);
             PreparedStatement ps = c.prepareStatement("INSERT INTO transfers VALUES (?, ?, ?, ?)")) {
            for (Map<String, Object> t : transfers) {
                ps.setObject(1, (UUID) t.get("request_id"));
                ps.setInt(2, (Integer) t.get("from_account"));
                ps.setInt(3, (Integer) t.get("to_account"));
                ps.setBigDecimal(4, (BigDecimal) t.get("amount"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void fillFinance(String database, List<Map<String, Object>> accounts) throws SQLException {
        LocalMariaDb.execute(database, "CREATE TABLE accounts (id INT PRIMARY KEY, customer_id INT NOT NULL, currency VARCHAR(3) NOT NULL, "
                + "balance DECIMAL(12,2) NOT NULL)");
        try (Connection c = LocalMariaDb.connect(database);
             PreparedStatement ps = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?, ?)")) {
            for (Map<String, Object> a : accounts) {
                ps.setInt(1, (Integer) a.get("id"));
                ps.setInt(2, (Integer) a.get("customer_id"));
                ps.setString(3, a.get("currency").toString());
                ps.setBigDecimal(4, (BigDecimal) a.get("balance"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every key under {@code prefix} with its hash, in key order. */
    static Map<String, Map<String, String>> cacheContents(RedisCommands<String, String> redis, String prefix) {
        Map<String, Map<String, String>> contents = new TreeMap<>();
        for (String key : keys(redis, prefix)) {
            contents.put(key + " (" + redis.type(key) + ", ttl " + redis.pttl(key) + ")", new TreeMap<>(redis.hgetall(key)));
        }
        return contents;
    }

    static void deletePrefix(RedisCommands<String, String> redis, String prefix) {
        List<String> keys = keys(redis, prefix);
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
    }

    private static List<String> keys(RedisCommands<String, String> redis, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
        KeyScanCursor<String> cursor = redis.scan(match);
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            keys.addAll(cursor.getKeys());
        }
        return keys.stream().distinct().sorted().toList();
    }
}
