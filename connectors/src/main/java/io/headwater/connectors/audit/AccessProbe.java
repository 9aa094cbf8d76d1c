package io.headwater.connectors.audit;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;

/**
 * Access: who can read each personal-data dataset. PostgreSQL table grants and superuser roles from
 * its catalogue; H2 rights and admin users from its INFORMATION_SCHEMA; POSIX permissions of the
 * embedded stores' files; Kafka ACLs, or that no authorizer is configured. Codes:
 * {@code public-grant}, {@code superuser-role}, {@code grants}, {@code world-readable-files},
 * {@code group-readable-files}, {@code file-permissions}, {@code no-authorizer}, {@code acls}.
 */
public final class AccessProbe implements Probe {
    public static final String ID = "access";
    private final LiveStores stores;

    public AccessProbe(LiveStores stores) {
        this.stores = stores;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Database grants and roles, file permissions of embedded stores, Kafka ACLs";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        Set<String> clustersDone = new HashSet<>();
        for (SystemSpec s : context.pipeline().systems()) {
            context.cancellation().check("access");
            Evidence.Builder b = Evidence.of(ID, s.id(), context.clock());
            try {
                if (s.kind() == SystemKind.POSTGRES && s.role() == Role.RECORD) {
                    out.addAll(postgres(s, context));
                } else if (s.kind() == SystemKind.H2) {
                    out.addAll(h2(s, context));
                } else if (s.kind() == SystemKind.KAFKA && clustersDone.add(stores.bootstrapServers(s))) {
                    out.add(kafka(s, context));
                }
                if (s.embedded() && s.kind() != SystemKind.KAFKA || s.embedded() && s.role() == Role.LOG) {
                    out.add(files(s, context));
                }
            } catch (HeadwaterException e) {
                out.add(b.unavailable("cannot read the access rules of " + s.id() + ": " + e.getMessage()));
            }
        }
        return out;
    }

    private List<Evidence> postgres(SystemSpec s, ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        try (Connection c = RecordTables.connect(RecordTables.connectionsOf(stores, s), s.id())) {
            List<String> supers = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rolname FROM pg_roles WHERE rolsuper OR rolbypassrls ORDER BY rolname");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    supers.add(rs.getString(1));
                }
            }
            for (Dataset d : s.datasets()) {
                if (!Policies.hasPii(d)) {
                    continue;
                }
                String[] name = d.physicalName().contains(".") ? d.physicalName().split("\\.", 2) : new String[] {"public", d.physicalName()};
                Evidence.Builder b = Evidence.of(ID, d.ref().toString(), context.clock());
                List<String> grants = new ArrayList<>();
                boolean publicGrant = false;
                try (PreparedStatement ps = c.prepareStatement("SELECT grantee, string_agg(privilege_type, ',' ORDER BY privilege_type)"
                        + " FROM information_schema.role_table_grants WHERE table_schema = ? AND table_name = ? GROUP BY grantee ORDER BY grantee")) {
                    ps.setString(1, name[0]);
                    ps.setString(2, name[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            grants.add(rs.getString(1) + ": " + rs.getString(2));
                            publicGrant |= "PUBLIC".equalsIgnoreCase(rs.getString(1)) && rs.getString(2).contains("SELECT");
                        }
                    }
                }
                b.details(grants.stream().map(g -> "grant " + g).toList()).count("grantees", grants.size()).count("superusers", supers.size());
                if (!supers.isEmpty()) {
                    b.detail("superuser or BYPASSRLS roles (read everything): " + String.join(", ", supers));
                }
                if (publicGrant) {
                    out.add(b.finding("public-grant", "every database role can read " + d.physicalName() + " (SELECT granted to PUBLIC)"));
                } else if (!supers.isEmpty()) {
                    out.add(b.finding("superuser-role", grants.size() + " grantee(s) on " + d.physicalName() + ", plus superuser role(s) " + String.join(", ", supers)));
                } else {
                    out.add(b.fact("grants", grants.size() + " grantee(s) on " + d.physicalName()));
                }
            }
        } catch (SQLException e) {
            throw new HeadwaterException("cannot read the PostgreSQL catalogue of " + s.id() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private List<Evidence> h2(SystemSpec s, ProbeContext context) {
        Evidence.Builder b = Evidence.of(ID, s.id(), context.clock());
        try (Connection c = DriverManager.getConnection(stores.h2Url(s))) {
            List<String> admins = new ArrayList<>();
            List<String> users = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT USER_NAME, IS_ADMIN FROM INFORMATION_SCHEMA.USERS ORDER BY USER_NAME");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        admins.add(rs.getString(1));
                    }
                }
            }
            List<String> rights = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT GRANTEE, RIGHTS, TABLE_NAME FROM INFORMATION_SCHEMA.RIGHTS ORDER BY GRANTEE");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rights.add(rs.getString(1) + ": " + rs.getString(2) + " on " + rs.getString(3));
                }
            }
            b.count("users", users.size()).count("admins", admins.size()).count("rights", rights.size()).detail("users: " + String.join(", ", users))
                    .details(rights.stream().map(r -> "right " + r).toList());
            boolean pii = s.datasets().stream().anyMatch(Policies::hasPii);
            String summary = users.size() + " user(s), admin(s) " + admins + ", " + rights.size() + " granted right(s)";
            return List.of(admins.isEmpty() || !pii ? b.fact("grants", summary) : b.finding("superuser-role", summary + "; the admins read every table"));
        } catch (SQLException e) {
            throw new HeadwaterException("cannot read the H2 catalogue of " + s.id() + ": " + e.getMessage(), e);
        }
    }

    private Evidence kafka(SystemSpec s, ProbeContext context) {
        String bootstrap = stores.bootstrapServers(s);
        Evidence.Builder b = Evidence.of(ID, "kafka ACLs (" + bootstrap + ")", context.clock());
        Properties props = new Properties();
        s.properties().forEach((k, v) -> props.put(k, v.reveal()));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            java.util.Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get(15, TimeUnit.SECONDS);
            acls.forEach(a -> b.detail(a.entry().principal() + " " + a.entry().permissionType() + " " + a.entry().operation() + " on "
                    + a.pattern().resourceType() + " " + a.pattern().name()));
            return b.count("acls", acls.size()).fact("acls", acls.size() + " ACL binding(s) on the log");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                return b.detail("the broker has no authorizer.class.name: there are no ACLs to list").finding("no-authorizer",
                        "no authorizer configured: any client that reaches " + bootstrap + " can read every topic");
            }
            return b.unavailable("cannot list the ACLs: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return b.unavailable("listing the ACLs timed out at " + bootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while listing the ACLs", e);
        }
    }

    private Evidence files(SystemSpec s, ProbeContext context) {
        Path dir = stores.systemDir(s);
        Evidence.Builder b = Evidence.of(ID, s.id() + " (files)", context.clock());
        long files = 0;
        long world = 0;
        long group = 0;
        List<String> examples = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                files++;
                if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                    world++;
                    if (examples.size() < 3) {
                        examples.add(dir.relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                    }
                } else if (perms.contains(PosixFilePermission.GROUP_READ)) {
                    group++;
                }
            }
            String dirPerms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
            b.count("files", files).count("world-readable", world).count("group-readable", group)
                    .detail(dir + " " + dirPerms + ", owner " + Files.getOwner(dir).getName()).details(examples.stream().map(e -> "e.g. " + e).toList());
            boolean dirOpen = Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE);
            if (world > 0 && dirOpen) {
                return b.finding("world-readable-files", world + " of " + files + " files of " + s.id() + " are readable by every user of this machine");
            }
            if (world + group > 0) {
                return b.finding("group-readable-files", (world + group) + " of " + files + " files of " + s.id() + " are readable beyond their owner"
                        + (dirOpen ? "" : " (the directory itself is closed to others)"));
            }
            return b.fact("file-permissions", "all " + files + " files of " + s.id() + " are readable by their owner only");
        } catch (IOException | UnsupportedOperationException e) {
            return b.unavailable("cannot read the permissions under " + dir + ": " + e.getMessage());
        }
    }

}
