package io.headwater.engine.discover;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.SchemaCatalog.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.Yaml;

/**
 * Connector configs as their documentation gives them ({@code src/test/resources/discover}: JSON as
 * posted to the Connect REST API, or a properties file), and the databases they point at, as a
 * catalog answering without a server.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** The connector of a fixture file: {@code {"name": ..., "config": {...}}} or {@code name=...} properties. */
    static ConnectorSnapshot connector(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/discover/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            Map<String, String> config = new LinkedHashMap<>();
            String name;
            if (file.endsWith(".properties")) {
                Properties p = new Properties();
                p.load(in);
                p.stringPropertyNames().forEach(k -> config.put(k, p.getProperty(k)));
                name = config.get("name");
            } else {
                Map<String, Object> doc = new Yaml().load(in);
                name = (String) doc.get("name");
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) doc.get("config");
                c.forEach((k, v) -> config.put(k, String.valueOf(v)));
            }
            String type = config.get("connector.class").contains("Sink") ? "sink" : "source";
            return new ConnectorSnapshot(name, type, config, ConnectorState.UNKNOWN, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TableSchema table(String schema, String name, String key, String... columns) {
        List<SchemaCatalog.Column> cs = new ArrayList<>();
        for (String c : columns) {
            String[] nt = c.split(" ", 2);
            cs.add(SchemaCatalog.column(nt[0], nt[1]));
        }
        return new TableSchema(schema, name, cs, key == null ? List.of() : List.of(key.split(",")));
    }

    static final TableSchema SHOP_CUSTOMERS = table("public", "customers", "id", "id bigint", "name text", "email character varying",
            "updated_at timestamp with time zone");
    static final TableSchema SHOP_ORDERS = table("public", "orders", "id", "id bigint", "customer_id bigint", "total numeric",
            "status USER-DEFINED");

    /** The databases of the fixtures, by {@code kind address/database}. */
    static final Map<String, List<TableSchema>> DATABASES = Map.of(
            "postgres postgres:5432/postgres", List.of(
                    table("inventory", "customers", "id", "id integer", "first_name character varying", "last_name character varying",
                            "email character varying"),
                    table("inventory", "products", "id", "id integer", "name character varying", "weight double precision"),
                    table("inventory", "spatial_ref_sys", "srid", "srid integer", "auth_name character varying"),
                    table("inventory", "geom", null, "id integer", "g geometry"),
                    table("public", "other", "id", "id integer")),
            "mysql mysql:3306/inventory", List.of(
                    table("inventory", "customers", "id", "id int", "first_name varchar", "last_name varchar", "email varchar"),
                    table("inventory", "orders", "order_number", "order_number int", "order_date date", "purchaser int",
                            "quantity int", "product_id int"),
                    table("inventory", "products", "id", "id int", "name varchar")),
            "mysql 127.0.0.1:3306/inventory", List.of(
                    table("inventory", "customers", "id", "id int", "first_name varchar", "last_name varchar", "email varchar")),
            "postgres db.internal:5432/shop", List.of(SHOP_CUSTOMERS, SHOP_ORDERS),
            "postgres warehouse:5432/analytics", List.of(
                    table("public", "customers_copy", "id", "id bigint", "name text", "email text",
                            "updated_at timestamp with time zone", "loaded_at timestamp")));

    /** A catalog over {@link #DATABASES}; it records the targets asked for. */
    static final class Catalog implements SchemaCatalog {
        final List<Target> asked = new ArrayList<>();

        @Override
        public List<TableSchema> tables(Target target) {
            asked.add(target);
            List<TableSchema> tables = DATABASES.get(target.describe());
            if (tables == null) {
                throw new HeadwaterException(target.describe() + ": no such database in the fixtures");
            }
            return tables;
        }
    }
}
