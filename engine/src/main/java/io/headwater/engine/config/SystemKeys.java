package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigSection.SYSTEM;

import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.Arrays;
import java.util.List;

/** The keys of a system, an entry of {@code systems}. */
public final class SystemKeys {
    static final List<String> KINDS = Arrays.stream(SystemKind.values()).map(SystemKind::configName).toList();
    static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::configName).toList();
    static final List<String> FORMATS = Arrays.stream(LogFormat.values()).map(LogFormat::configName).toList();
    private static final List<String> SQL = List.of("h2", "postgres", "mysql");
    private static final String ATTACHED_SQL = "required when attached (postgres, mysql)";

    public static final ConfigKey ID = ConfigKey.of(SYSTEM, "id",
            ConfigType.name("id", ConfigValues.SYSTEM_ID, ConfigValues.SYSTEM_ID_RULE),
            "Names the system in flows (`system.dataset`) and messages; " + ConfigValues.SYSTEM_ID_RULE + ".").required();
    public static final ConfigKey KIND = ConfigKey.of(SYSTEM, "kind", ConfigType.choice(KINDS),
            "The system's technology; `mariadb` is read as `mysql`.").required();
    public static final ConfigKey ROLE = ConfigKey.of(SYSTEM, "role", ConfigType.choice(ROLES),
            "`record`: a system of record; `log`: an event log; `derived`: a store built from others.").required();
    public static final ConfigKey EMBEDDED = ConfigKey.of(SYSTEM, "embedded", ConfigType.BOOLEAN,
            "`true`: Headwater starts and owns the system (hosted); `false`: Headwater only connects to it (attached).")
            .defaultsTo("false");
    public static final ConfigKey WRITABLE = ConfigKey.of(SYSTEM, "writable", ConfigType.BOOLEAN,
            "Lets Headwater write into an attached system (flows it runs, fault injection, demo load, rebuild swap); "
                    + "attached systems are read-only otherwise, unless `--allow-write` names them.")
            .dependsOn("`true` when embedded, else `false`");
    public static final ConfigKey ADDRESS = ConfigKey.of(SYSTEM, "address", ConfigType.ADDRESS,
            "`host:port` of the server; kafka: a comma-separated list of `host:port`; h2: a JDBC URL starting with `jdbc:h2:`.")
            .appliesTo(List.of("h2", "postgres", "mysql", "kafka", "redis", "opensearch", "elasticsearch")).dependsOn("required when attached");
    public static final ConfigKey DATABASE = ConfigKey.of(SYSTEM, "database", ConfigType.STRING,
            "The database to connect to; redis: the logical database number.").appliesTo(List.of("postgres", "mysql", "redis"))
            .dependsOn("required when attached (postgres, mysql); `0` on redis");
    public static final ConfigKey USER = ConfigKey.of(SYSTEM, "user", ConfigType.STRING,
            "The user to connect as; opensearch, elasticsearch: the user of HTTP basic authentication, if the cluster asks for one.")
            .appliesTo(List.of("h2", "postgres", "mysql", "opensearch", "elasticsearch")).dependsOn(ATTACHED_SQL);
    public static final ConfigKey PASSWORD = ConfigKey.of(SYSTEM, "password", ConfigType.STRING,
            "The user's password, where the server asks for one; on an attached system it must be written as `${VAR}`.")
            .appliesTo(List.of("h2", "postgres", "mysql", "redis", "opensearch", "elasticsearch")).secret(ConfigKey.Secrecy.ALWAYS);
    public static final ConfigKey SCHEME = ConfigKey.of(SYSTEM, "scheme", ConfigType.choice(List.of("http", "https")),
            "How the search cluster answers: plain `http` or `https` (TLS, checked against the JVM's trusted certificates).")
            .appliesTo(List.of("opensearch", "elasticsearch")).defaultsTo("http");
    public static final ConfigKey PATH = ConfigKey.of(SYSTEM, "path", ConfigType.PATH,
            "The index directory, store file or blob directory; opened read-only when the system is attached.")
            .appliesTo(List.of("lucene", "mvstore", "blobstore")).dependsOn("required when attached");
    public static final ConfigKey PROPERTIES = ConfigKey.of(SYSTEM, "properties", ConfigType.mapOf("name", "value"),
            "Passed to the system's client as they are (`sslmode`, `security.protocol`, `sasl.mechanism`, …).").secret(ConfigKey.Secrecy.FROM_ENVIRONMENT);
    public static final ConfigKey FORMAT = ConfigKey.of(SYSTEM, "format", ConfigType.choice(FORMATS),
            "The format of its topics' records, for datasets that declare none; see `docs/kafka-formats.md`.")
            .appliesTo(List.of("kafka")).dependsOn("`debezium` on a log system, `events` on a record system");
    public static final ConfigKey DATASETS = ConfigKey.of(SYSTEM, "datasets", ConfigType.listOf("datasets"),
            "Its tables, topics, indexes or maps (see [Datasets](#datasets)).").defaultsTo("[]");

    /** Every key of the section, in the order messages list them. */
    public static final List<ConfigKey> ALL =
            List.of(ID, KIND, ROLE, EMBEDDED, WRITABLE, ADDRESS, DATABASE, USER, PASSWORD, SCHEME, PATH, PROPERTIES, FORMAT, DATASETS);

    private SystemKeys() {
    }
}
