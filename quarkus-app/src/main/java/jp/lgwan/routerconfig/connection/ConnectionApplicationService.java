package jp.lgwan.routerconfig.connection;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.inventory.Contacts;
import jp.lgwan.routerconfig.inventory.OrganizationKind;
import jp.lgwan.routerconfig.inventory.Prefecture;

/**
 * The life of a connection application (接続申請) of an association, and its one owner: the
 * prefecture's collecting window (取りまとめ窓口) records it and forwards it to the operating body
 * (運営主体), which accepts or returns it; the answer goes back through the prefecture. A prefecture
 * sees and moves its own applications only (another's is not found).
 */
@ApplicationScoped
public class ConnectionApplicationService {

    /** The kinds that apply through their prefecture: associations of local governments (一部事務組合, 広域連合) and property wards (財産区). */
    public static final Set<OrganizationKind> ASSOCIATIONS = Set.of(OrganizationKind.PARTIAL_AFFAIRS_ASSOCIATION,
            OrganizationKind.WIDE_AREA_UNION, OrganizationKind.PROPERTY_WARD);

    /** What the association applies with, as its prefecture records it. */
    public record Application(String organizationCode, OrganizationKind kind, String name, String nameEn, String domain, Contacts contacts,
                              LocalDate desiredStartDate) {
    }

    private final LiveInventory inventory;
    private final AuditLog audit;
    private final Clock clock;

    public ConnectionApplicationService(LiveInventory inventory, AuditLog audit, Clock clock) {
        this.inventory = inventory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The prefecture records an association's application: of its own prefecture, not yet connected, not already open. */
    @Transactional
    public ConnectionApplication collect(Application application, Actor actor) {
        Prefecture prefecture = Prefecture.ofCode(Integer.parseInt(application.organizationCode().substring(0, 2)));
        if (prefecture == null || !actor.scope().coversPrefecture(prefecture)) {
            throw ChangeRefused.unprocessable("organization-out-of-scope", "Not of your prefecture",
                    actor.name() + " collects applications for " + actor.scope() + " only; organization_code " + application.organizationCode()
                            + " is of prefecture " + application.organizationCode().substring(0, 2)).with("field", "organization_code");
        }
        if (!ASSOCIATIONS.contains(application.kind())) {
            throw ChangeRefused.unprocessable("not-an-association", "Not an association",
                    "kind " + kind(application.kind()) + " does not apply through the prefecture; one of partial-affairs-association,"
                            + " wide-area-union, property-ward").with("field", "kind");
        }
        if (inventory.current().inventory().organization(application.organizationCode()).isPresent()) {
            throw ChangeRefused.unprocessable("already-connected", "Already connected",
                    "organization " + application.organizationCode() + " is in the inventory at " + inventory.current().commit())
                    .with("field", "organization_code");
        }
        List<ConnectionApplication> open = ConnectionApplication.list("organizationCode = ?1 and state <> ?2", application.organizationCode(),
                ApplicationState.ANSWERED);
        if (!open.isEmpty()) {
            throw ChangeRefused.conflict("application-open", "An application is open",
                    "connection application " + open.get(0).id + " of organization " + application.organizationCode() + " is " + open.get(0).state)
                    .with("field", "organization_code");
        }
        ConnectionApplication recorded = new ConnectionApplication();
        recorded.organizationCode = application.organizationCode();
        recorded.kind = application.kind();
        recorded.name = application.name();
        recorded.nameEn = application.nameEn();
        recorded.domain = application.domain();
        recorded.prefecture = prefecture;
        recorded.contacts = application.contacts();
        recorded.desiredStartDate = application.desiredStartDate();
        recorded.state = ApplicationState.COLLECTED;
        recorded.collectedBy = actor.name();
        recorded.collectedAt = clock.instant();
        recorded.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("organization_code", recorded.organizationCode);
        detail.put("kind", kind(recorded.kind));
        detail.put("prefecture", recorded.prefecture.name().toLowerCase());
        audit.record(actor.name(), "connection-application.collected", "connection-application", recorded.id, detail);
        return recorded;
    }

    /** The prefecture has checked it and forwards it to the operating body. */
    @Transactional
    public ConnectionApplication forward(long id, Actor actor) {
        ConnectionApplication application = find(id, actor);
        application.moveTo(ApplicationState.FORWARDED);
        application.forwardedBy = actor.name();
        application.forwardedAt = clock.instant();
        audit.record(actor.name(), "connection-application.forwarded", "connection-application", id, Map.of());
        return application;
    }

    /** The operating body accepts it: the association's inventory file can be drafted. */
    @Transactional
    public ConnectionApplication accept(long id, Actor actor, String reason) {
        return decide(id, actor, ApplicationState.ACCEPTED, reason, this::commitDraft);
    }

    /**
     * The accepted application's organization file as a draft commit on its own branch
     * ({@link InventoryDraft#branch}), for the engineers to complete and validate; what it wrote goes into
     * the acceptance's audit record. Nothing when the inventory is not in git.
     */
    private Map<String, Object> commitDraft(ConnectionApplication application, Actor actor) {
        return inventory.commitDraft(InventoryDraft.branch(application), InventoryDraft.fileName(application), InventoryDraft.of(application),
                        "Draft " + InventoryDraft.fileName(application) + " from connection application " + application.id + "\n\n"
                                + application.name + " (" + application.organizationCode + "), accepted by " + actor.name()
                                + ": add its router(s) and access line(s), then validate.\n", actor.name())
                .<Map<String, Object>>map(draft -> Map.of("draft_branch", draft.branch(), "draft_commit", draft.commit(), "draft_path", draft.path()))
                .orElse(Map.of());
    }

    /** The operating body returns it, saying why (the prefecture passes the reason on). */
    @Transactional
    public ConnectionApplication returnIt(long id, Actor actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ChangeRefused.unprocessable("reason-required", "A return needs a reason",
                    "say why the application is returned: the association reads it through its prefecture").with("field", "reason");
        }
        return decide(id, actor, ApplicationState.RETURNED, reason, (application, by) -> Map.of());
    }

    private ConnectionApplication decide(long id, Actor actor, ApplicationState decision, String reason,
                                         java.util.function.BiFunction<ConnectionApplication, Actor, Map<String, Object>> then) {
        ConnectionApplication application = find(id, actor);
        application.moveTo(decision);
        application.decision = decision;
        application.decidedBy = actor.name();
        application.decidedAt = clock.instant();
        application.decisionReason = reason;
        Map<String, Object> detail = new LinkedHashMap<>();
        if (reason != null) {
            detail.put("reason", reason);
        }
        detail.putAll(then.apply(application, actor));
        audit.record(actor.name(), "connection-application." + decision.name().toLowerCase(), "connection-application", id, detail);
        return application;
    }

    /** The prefecture has passed the operating body's answer back to the association. */
    @Transactional
    public ConnectionApplication answer(long id, Actor actor) {
        ConnectionApplication application = find(id, actor);
        application.moveTo(ApplicationState.ANSWERED);
        application.answeredBy = actor.name();
        application.answeredAt = clock.instant();
        audit.record(actor.name(), "connection-application.answered", "connection-application", id,
                Map.of("decision", application.decision.name()));
        return application;
    }

    /** The accepted application's organization file, for the engineers to complete (routers, access lines) and validate. */
    @Transactional
    public String inventoryDraft(long id, Actor actor) {
        ConnectionApplication application = find(id, actor);
        if (application.decision != ApplicationState.ACCEPTED) {
            throw ChangeRefused.conflict("not-accepted", "Not accepted",
                    "connection application " + id + " is " + application.state + ": an inventory file is drafted for an accepted one only");
        }
        return InventoryDraft.of(application);
    }

    /** The applications the actor's scope covers, newest first. */
    @Transactional
    public List<ConnectionApplication> list(Actor actor) {
        if (actor.scope().isOperatingBody()) {
            return ConnectionApplication.listAll(Sort.descending("id"));
        }
        if (actor.scope().kind() != jp.lgwan.routerconfig.change.Scope.Kind.PREFECTURE) {
            return List.of();
        }
        return ConnectionApplication.list("prefecture", Sort.descending("id"), actor.scope().prefecture());
    }

    /** The application, locked, when the actor's scope covers it; otherwise not found. */
    public ConnectionApplication find(long id, Actor actor) {
        ConnectionApplication application = ConnectionApplication.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (application == null || !actor.scope().coversPrefecture(application.prefecture)) {
            throw ChangeRefused.notFound("no connection application " + id);
        }
        return application;
    }

    static String kind(OrganizationKind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }
}
