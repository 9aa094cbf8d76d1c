package io.headwater.views.audit;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.AuditRunner;
import io.headwater.engine.audit.AuditSession;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.AuditStore;
import io.headwater.engine.audit.Checklist;
import io.headwater.engine.audit.ChecklistItem;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.audit.StatusRule;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.AuditWorkbench;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An audit workbench for the view model's tests: a three-dataset pipeline (pg.customers with a
 * {@code pii:email} field, captured into kafka.customers, consumed into search.customers), a
 * two-item checklist whose two probes return planted evidence, run by the real {@link AuditRunner};
 * stored audits kept in a list. Records every call.
 */
final class FakeAuditWorkbench implements AuditWorkbench {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    static final DatasetRef PG = new DatasetRef("pg", "customers");
    static final DatasetRef TOPIC = new DatasetRef("kafka", "customers");
    static final DatasetRef SEARCH = new DatasetRef("search", "customers");

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<AuditSession> saved = new CopyOnWriteArrayList<>();
    final List<AuditSession> stored = new CopyOnWriteArrayList<>();
    RuntimeException failure;
    /** Runs inside the first probe (to cancel from there). */
    Runnable duringProbe = () -> { };

    private final Pipeline pipeline = new Pipeline("fake", null, Path.of("/tmp/fake"), List.of(
            system("pg", SystemKind.POSTGRES, Role.RECORD, PG),
            system("kafka", SystemKind.KAFKA, Role.LOG, TOPIC),
            system("search", SystemKind.LUCENE, Role.DERIVED, SEARCH)), List.of(
            new Flow("capture-customers", FlowKind.CDC, PG, TOPIC, List.of()),
            new Flow("index-customers", FlowKind.CONSUME, TOPIC, SEARCH, List.of())));

    private static SystemSpec system(String id, SystemKind kind, Role role, DatasetRef ref) {
        Dataset d = new Dataset(ref, ref.dataset(), List.of("id"), List.of(new Field("id", FieldType.INTEGER, List.of()),
                new Field("email", FieldType.STRING, role == Role.RECORD ? List.of(new FieldTag(FieldTag.PII, "email")) : List.of()),
                new Field("notes", FieldType.STRING, List.of())), null);
        return new SystemSpec(id, kind, role, true, Connection.NONE, List.of(d));
    }

    static Checklist checklist() {
        return new Checklist("privacy", "Privacy", "test", "builtin:privacy", List.of(
                new ChecklistItem("inventory", "Do we know where personal data is?", "Compare declared and discovered PII.", List.of("pii-discovery"),
                        new StatusRule(List.of("undeclared-pii"), List.of(), AuditStatus.PASS, AuditStatus.NOT_APPLICABLE)),
                new ChecklistItem("access", "Who can read it?", "Look at the grants.", List.of("access"), StatusRule.DEFAULT)));
    }

    private List<Probe> probes() {
        return List.of(probe("pii-discovery", "PII discovery", ctx -> {
            duringProbe.run();
            return List.of(Evidence.of("pii-discovery", "pg.customers.notes", CLOCK).count("matches", 12)
                    .detail("+1 555-•••-••12").finding("undeclared-pii", "pg.customers.notes holds phone numbers but declares no pii: tag"));
        }), probe("access", "Access", ctx -> List.of(Evidence.of("access", "pg", CLOCK).fact("grants", "2 roles can read pg.customers"))));
    }

    private static Probe probe(String id, String title, java.util.function.Function<ProbeContext, List<Evidence>> gather) {
        return new Probe() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public List<Evidence> gather(ProbeContext context) {
                return gather.apply(context);
            }
        };
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public List<String> builtInChecklists() {
        calls.add("checklists");
        return List.of("privacy", "retention");
    }

    @Override
    public Checklist loadChecklist(String nameOrPath) {
        calls.add("load " + nameOrPath);
        fail();
        if (!nameOrPath.equals("privacy")) {
            throw new HeadwaterException("no checklist " + nameOrPath);
        }
        return checklist();
    }

    @Override
    public AuditSession runAudit(Checklist checklist, String reviewer, Cancellation cancellation, AuditRunner.Listener listener) {
        calls.add("run " + checklist.id() + " by " + reviewer);
        ProbeContext context = new ProbeContext(pipeline, new LineageGraph(pipeline), CLOCK, cancellation, ProgressListener.NONE);
        AuditSession s = new AuditRunner(probes()).run(checklist, context, reviewer, listener).withId(stored.size() + 1);
        stored.add(s);
        return s;
    }

    @Override
    public void saveAnswers(AuditSession session) {
        calls.add("save #" + session.id());
        fail();
        saved.add(session);
    }

    @Override
    public ExportedReport exportReport(AuditSession session, Path file) {
        calls.add("export #" + session.id() + " " + file.getFileName());
        fail();
        return new ExportedReport(file, "html", "ab12cd34", 1234);
    }

    @Override
    public List<AuditStore.Summary> audits() {
        calls.add("audits");
        List<AuditStore.Summary> out = new ArrayList<>();
        for (AuditSession s : stored) {
            out.add(0, new AuditStore.Summary(s.id(), s.checklist(), s.pipeline(), s.reviewer(), s.started(), s.count(AuditStatus.PASS),
                    s.count(AuditStatus.FAIL), s.count(AuditStatus.NEEDS_REVIEW), s.count(AuditStatus.NOT_APPLICABLE), null));
        }
        return out;
    }

    @Override
    public AuditSession loadAudit(long id) {
        calls.add("open #" + id);
        return stored.stream().filter(s -> s.id() == id).findFirst().orElseThrow(() -> new HeadwaterException("no audit #" + id));
    }

    @Override
    public ErasureTrace eraseCheck(String subject) {
        calls.add("erase " + subject);
        fail();
        ErasureSubject parsed = ErasureSubject.parse(pipeline, subject);
        return new ErasureTrace(parsed, true, List.of(
                new ErasureLocation("pg.customers", ErasureLocation.Kind.RECORD, "key", 0, List.of()),
                new ErasureLocation("kafka.customers", ErasureLocation.Kind.LOG, "log key", 3, List.of("3 events until compaction"))),
                CLOCK.instant(), Duration.ofMillis(40));
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
