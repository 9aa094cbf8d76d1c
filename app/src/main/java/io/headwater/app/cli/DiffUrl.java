package io.headwater.app.cli;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table named by a URL on the {@code headwater diff} command line:
 * <ul>
 * <li>{@code postgresql://user@host:5432/db/schema.table} (also {@code postgres://}; schema defaults to the search path)</li>
 * <li>{@code mysql://user@host:3306/db/table} (also {@code mariadb://})</li>
 * <li>{@code h2:/path/db/TABLE}: the H2 file database {@code /path/db} ({@code db.mv.db}), opened read-only</li>
 * </ul>
 * The user and port may be left out (the login name; 5432 or 3306). A password in the URL is
 * refused: passwords come from the environment.
 *
 * @param kind     postgres, mysql or h2
 * @param user     the user, or null for H2
 * @param host     the host, or null for H2
 * @param port     the port, or 0 for H2
 * @param database the database, or the H2 file path without {@code .mv.db}
 * @param table    the table, possibly {@code schema.table}
 */
record DiffUrl(SystemKind kind, String user, String host, int port, String database, String table) {
    private static final Pattern SERVER = Pattern.compile("(postgresql|postgres|mysql|mariadb)://(?:([^@/]*)@)?(\\[[^\\]]+\\]|[^/:@]+)(?::(\\d+))?/([^/]+)/([^/]+)");
    private static final Pattern H2_FILE = Pattern.compile("h2:(.+)/([^/]+)");

    /**
     * Parses a URL.
     *
     * @param defaultUser the user when the URL names none
     * @throws IllegalArgumentException with a message fit for the user (never echoing a password)
     */
    static DiffUrl parse(String url, String defaultUser) {
        Matcher m = SERVER.matcher(url);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            SystemKind kind = scheme.startsWith("postgres") ? SystemKind.POSTGRES : SystemKind.MYSQL;
            String user = m.group(2);
            if (user != null && user.contains(":")) {
                throw new IllegalArgumentException("the URL " + masked(url) + " holds a password; a password is never written in a URL: set "
                        + (kind == SystemKind.POSTGRES ? "PGPASSWORD" : "MYSQL_PWD") + " or name a variable with --source-password-env / --target-password-env");
            }
            int port = m.group(4) == null ? (kind == SystemKind.POSTGRES ? 5432 : 3306) : Integer.parseInt(m.group(4));
            return new DiffUrl(kind, user == null || user.isEmpty() ? defaultUser : user, m.group(3), port, m.group(5), m.group(6));
        }
        Matcher h = H2_FILE.matcher(url);
        if (h.matches() && !h.group(1).isEmpty() && !h.group(1).endsWith("/")) {
            return new DiffUrl(SystemKind.H2, null, null, 0, Path.of(h.group(1)).toAbsolutePath().normalize().toString(), h.group(2));
        }
        if (url.matches("(?i)[a-z0-9]+://[^/@]*:[^/@]*@.*")) {
            throw new IllegalArgumentException("the URL " + masked(url) + " holds a password; a password is never written in a URL");
        }
        throw new IllegalArgumentException("'" + url + "' is not a table URL: use postgresql://user@host:5432/db/schema.table, "
                + "mysql://user@host:3306/db/table or h2:/path/db/TABLE");
    }

    /** The URL with the password part of its user info masked. */
    static String masked(String url) {
        return url.replaceFirst("^([A-Za-z0-9]+://[^:/@]*):[^/@]*@", "$1:******@");
    }

    /** The environment variable the ecosystem's own clients read a password from. */
    String passwordVariable() {
        return switch (kind) {
            case POSTGRES -> "PGPASSWORD";
            case MYSQL -> "MYSQL_PWD";
            default -> null;
        };
    }

    /** {@code host:port}, or the H2 file. */
    String address() {
        return kind == SystemKind.H2 ? database : (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL as it was meant, for output. */
    String display() {
        return switch (kind) {
            case POSTGRES -> "postgresql://" + user + "@" + address() + "/" + database + "/" + table;
            case MYSQL -> "mysql://" + user + "@" + address() + "/" + database + "/" + table;
            default -> "h2:" + database + "/" + table;
        };
    }

    /** An attached, read-only system for this URL. H2 files are opened with {@code ACCESS_MODE_DATA=r} and never created. */
    SystemSpec system(String id, Secret password, Role role) {
        Connection c = kind == SystemKind.H2
                ? new Connection("jdbc:h2:file:" + database + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", null, user, password, null)
                : new Connection(address(), database, user, password, null);
        return new SystemSpec(id, kind, role, false, false, c, Map.of(), List.of());
    }

    /** The table as a dataset of system {@code id} with these fields and key. */
    Dataset dataset(String id, List<String> key, List<Field> fields) {
        return new Dataset(new DatasetRef(id, table), table, key, fields, null);
    }
}
