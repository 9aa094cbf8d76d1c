package io.headwater.engine.lineage.openlineage;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenLineage namespace and name of a Headwater dataset, after OpenLineage's dataset naming
 * conventions: the namespace is the data source ({@code scheme://host:port}), the name the dataset
 * inside it.
 * <ul>
 *   <li>postgres: {@code postgres://{host}:{port}}, {@code {database}.{schema}.{table}};</li>
 *   <li>mysql: {@code mysql://{host}:{port}}, {@code {database}.{table}};</li>
 *   <li>kafka: {@code kafka://{first bootstrap host}:{port}}, {@code {topic}};</li>
 *   <li>the kinds the conventions do not name (h2, redis, opensearch, elasticsearch, lucene, mvstore,
 *       blobstore): the kind as the scheme, the address as the authority, the physical name as the name.</li>
 * </ul>
 * A hosted system has no lasting address (its servers take a free port at each start), so its
 * authority names it instead: {@code {system}.{pipeline}.headwater}, e.g. {@code postgres://pg.demo.headwater}.
 * Stateless and thread-safe.
 */
public final class DatasetNaming {
    /** The domain of the authorities of hosted systems. */
    public static final String HOSTED_DOMAIN = "headwater";

    /** A namespace and a name. */
    public record DatasetName(String namespace, String name) {
        public DatasetName {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }
    }

    private DatasetNaming() {
    }

    /** The name of {@code dataset}, which {@code system} of {@code pipeline} holds. */
    public static DatasetName of(Pipeline pipeline, SystemSpec system, Dataset dataset) {
        String scheme = scheme(system.kind());
        String authority = authority(pipeline, system);
        String physical = dataset.physicalName();
        return switch (system.kind()) {
            case POSTGRES -> new DatasetName(scheme + "://" + authority,
                    database(system, "postgres") + "." + (physical.contains(".") ? physical : "public." + physical));
            case MYSQL -> new DatasetName(scheme + "://" + authority,
                    physical.contains(".") ? physical : database(system, "mysql") + "." + physical);
            default -> new DatasetName(scheme + "://" + authority, physical);
        };
    }

    /** The URI scheme of a kind. */
    public static String scheme(SystemKind kind) {
        return kind.configName();
    }

    /** The kind a namespace's scheme names, if Headwater has one. */
    public static Optional<SystemKind> kindOf(String namespace) {
        int colon = namespace.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = namespace.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "postgresql" -> Optional.of(SystemKind.POSTGRES);
            case "mariadb" -> Optional.of(SystemKind.MYSQL);
            default -> SystemKind.fromConfigName(scheme);
        };
    }

    /** The authority of a namespace ({@code host:port}), or empty when it has none. */
    public static String authorityOf(String namespace) {
        int start = namespace.indexOf("://");
        if (start < 0) {
            return "";
        }
        String rest = namespace.substring(start + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** Whether a namespace names a hosted system of some pipeline (its authority ends in {@code .headwater}). */
    public static boolean isHosted(String namespace) {
        return authorityOf(namespace).endsWith("." + HOSTED_DOMAIN);
    }

    private static String authority(Pipeline pipeline, SystemSpec system) {
        if (system.hosted() || system.connection().address() == null) {
            return system.id() + "." + pipeline.name() + "." + HOSTED_DOMAIN;
        }
        String address = system.connection().address().trim();
        if (system.kind() == SystemKind.KAFKA) {
            address = address.split(",")[0].trim();
        }
        if (address.startsWith("jdbc:")) {
            return system.id() + "." + pipeline.name() + "." + HOSTED_DOMAIN;
        }
        int scheme = address.indexOf("://");
        return scheme >= 0 ? address.substring(scheme + 3) : address;
    }

    private static String database(SystemSpec system, String fallback) {
        String db = system.connection().database();
        return db == null || db.isBlank() ? fallback : db;
    }
}
