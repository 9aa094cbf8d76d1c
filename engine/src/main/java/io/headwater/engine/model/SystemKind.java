package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The technology of a {@link SystemSpec}; its config name is the lower-case constant name
 * ({@code mariadb} is read as {@code mysql}).
 */
public enum SystemKind {
    H2, POSTGRES, MYSQL, KAFKA, LUCENE, MVSTORE, REDIS, BLOBSTORE, OPENSEARCH, ELASTICSEARCH;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SystemKind> fromConfigName(String name) {
        if (name.equals("mariadb")) {
            return Optional.of(MYSQL);
        }
        return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
    }
}
