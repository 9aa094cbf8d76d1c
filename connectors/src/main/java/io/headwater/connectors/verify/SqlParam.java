package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.engine.model.FieldType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** One statement parameter: a key value and its logical type. */
record SqlParam(FieldType type, Object value) {

    /** Binds parameters 1..n in order. */
    static void bindAll(PreparedStatement ps, List<SqlParam> params) throws SQLException {
        int i = 1;
        for (SqlParam p : params) {
            JdbcValues.bind(ps, i++, p.type(), LogicalValues.coerce(p.value(), p.type()));
        }
    }
}
