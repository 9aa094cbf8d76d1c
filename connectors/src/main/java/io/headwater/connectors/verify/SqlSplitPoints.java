package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Split points of a {@link SqlRelation} in one query. A single integer key is divided evenly
 * between its minimum and maximum (cheap with an index, but even only for dense keys); any other key
 * is sampled: the rows are numbered in key order and the first row of each of {@code n} equal
 * shares becomes a split point. Both look only inside the range asked for. Immutable.
 */
final class SqlSplitPoints {
    private final SqlVerifySide.QueryRunner runner;
    private final SqlRelation relation;
    private final KeyRangeSql keySql;

    SqlSplitPoints(SqlVerifySide.QueryRunner runner, SqlRelation relation, KeyRangeSql keySql) {
        this.runner = runner;
        this.relation = relation;
        this.keySql = keySql;
    }

    /** Up to {@code n - 1} ascending keys inside {@code range}, strictly above its lower bound. */
    List<Row> splitPoints(KeyRange range, int n) {
        if (n < 2) {
            return List.of();
        }
        List<Field> key = relation.key();
        List<SqlParam> params = new ArrayList<>();
        String where = keySql.where(range, params);
        if (key.size() == 1 && key.get(0).type() == FieldType.INTEGER) {
            return evenly(key.get(0), n, where, params);
        }
        return sampled(n, where, params);
    }

    private List<Row> evenly(Field k, int n, String where, List<SqlParam> params) {
        String column = relation.keyColumns().get(0);
        String sql = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + relation.from() + " WHERE " + where;
        return runner.query("find split points", sql, params, rs -> {
            rs.next();
            long min = rs.getLong(1);
            if (rs.wasNull()) {
                return List.of();
            }
            BigInteger lo = BigInteger.valueOf(min);
            BigInteger span = BigInteger.valueOf(rs.getLong(2)).subtract(lo).add(BigInteger.ONE);
            TreeSet<Long> points = new TreeSet<>();
            for (int i = 1; i < n; i++) {
                long p = lo.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).longValueExact();
                if (p > min) {
                    points.add(p);
                }
            }
            return points.stream().map(p -> Row.of(k.name(), p)).toList();
        });
    }

    private List<Row> sampled(int n, String where, List<SqlParam> params) {
        List<String> keys = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        List<String> cols = relation.keyColumns();
        for (int i = 0; i < cols.size(); i++) {
            keys.add(cols.get(i) + " AS k" + i);
            aliases.add("k" + i);
        }
        String outer = String.join(", ", aliases);
        // Row rn (1-based) lies in share floor((rn - 1) * n / c); keep the first row of each share but the first.
        String sql = "SELECT " + outer + " FROM (SELECT " + String.join(", ", keys) + ", ROW_NUMBER() OVER (ORDER BY " + keySql.orderBy()
                + ") AS rn, COUNT(*) OVER () AS c FROM " + relation.from() + " WHERE " + where + ") s WHERE rn > 1 AND FLOOR((rn - 1) * " + n
                + " / CAST(c AS DOUBLE PRECISION)) > FLOOR((rn - 2) * " + n + " / CAST(c AS DOUBLE PRECISION)) ORDER BY rn";
        return runner.query("find split points", sql, params, this::readKeys);
    }

    private List<Row> readKeys(ResultSet rs) throws SQLException {
        List<Row> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> m = new LinkedHashMap<>();
            int i = 1;
            for (Field k : relation.key()) {
                m.put(k.name(), JdbcValues.read(rs, i++, k.type(), Types.OTHER));
            }
            out.add(Row.of(m));
        }
        return out;
    }
}
