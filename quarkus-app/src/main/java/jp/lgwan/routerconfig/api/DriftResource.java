package jp.lgwan.routerconfig.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.rollout.BackupCollector;
import jp.lgwan.routerconfig.rollout.RouterDrift;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Drift (構成ずれ): each router's owned lines, as its last backup collection read them, against the config it is taken
 * to run; and collections on demand. Diffs run from the router's running config ({@code -}) to its baseline ({@code +}),
 * secrets as placeholders.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    /** A router never collected yet (no row): not a status a collection writes. */
    static final String NEVER_COLLECTED = "NEVER_COLLECTED";

    private final LiveInventory inventory;
    private final BackupCollector collector;
    private final Actors actors;
    private final Views views;

    public DriftResource(LiveInventory inventory, BackupCollector collector, Actors actors, Views views) {
        this.inventory = inventory;
        this.collector = collector;
        this.actors = actors;
        this.views = views;
    }

    /**
     * @param status   IN_SYNC, DRIFTED, UNREACHABLE, NOT_COMPARED or NEVER_COLLECTED
     * @param diff     the owned lines that differ (DRIFTED only), running config {@code -}, baseline {@code +}
     * @param reason   why it was not read or not compared (UNREACHABLE, NOT_COMPARED)
     * @param backupId the version of its running config last read ({@code GET /api/backups/{id}})
     */
    public record DriftView(String hostname, String organizationCode, String status, OffsetDateTime checkedAt, OffsetDateTime collectedAt,
                            Long backupId, String baselineRevision, String baselineSource, int added, int removed, String diff, String reason) {
    }

    /** @param lastCollectedAt the most recent successful read of any router listed */
    public record DriftReport(int routers, Map<String, Long> byStatus, OffsetDateTime lastCollectedAt, List<DriftView> drift) {
    }

    public record CollectedView(String hostname, String outcome, String status, Long backupId, boolean newVersion, String reason) {
    }

    public record CollectionView(OffsetDateTime startedAt, OffsetDateTime finishedAt, int routers, Map<String, Long> byStatus,
                                 List<CollectedView> results) {
    }

    @GET
    @Path("drift")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.CI, Actor.VIEWER})
    @Transactional
    @Operation(summary = "Drift of every router (or an organization's)", description = "Each router's status as its last backup collection"
            + " found it: IN_SYNC, DRIFTED (with the diff of its owned lines, running config - to baseline +), UNREACHABLE or NOT_COMPARED"
            + " (with the reason), or NEVER_COLLECTED.")
    public DriftReport fleet(@QueryParam("organization") String organization, @QueryParam("status") String status) {
        List<ConnectionRouter> routers = routersOf(organization);
        InventoryRevision at = inventory.current();
        Map<String, String> organizationOf = new java.util.HashMap<>();
        at.inventory().organizations().forEach(o -> o.routers().forEach(r -> organizationOf.put(r.hostname(), o.code())));
        Map<String, RouterDrift> rows = RouterDrift.<RouterDrift>listAll().stream().collect(Collectors.toMap(d -> d.hostname, Function.identity()));
        List<DriftView> all = routers.stream().map(r -> view(organizationOf.get(r.hostname()), r.hostname(), rows.get(r.hostname()))).toList();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RouterDrift.Status s : RouterDrift.Status.values()) {
            byStatus.put(s.name(), 0L);
        }
        byStatus.put(NEVER_COLLECTED, 0L);
        all.forEach(v -> byStatus.merge(v.status(), 1L, Long::sum));
        Instant last = routers.stream().map(r -> rows.get(r.hostname())).filter(Objects::nonNull).map(d -> d.collectedAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        if (status != null && !byStatus.containsKey(status)) {
            throw ChangeRefused.badRequest("invalid-parameter", "Unknown drift status", "status " + status + " is none of "
                    + String.join(", ", byStatus.keySet())).with("field", "status");
        }
        List<DriftView> listed = status == null ? all : all.stream().filter(v -> v.status().equals(status)).toList();
        return new DriftReport(routers.size(), byStatus, views.time(last), listed);
    }

    @GET
    @Path("drift/{hostname}")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.CI, Actor.VIEWER})
    @Transactional
    @Operation(summary = "Drift of one router", description = "Its status as its last backup collection found it, with the diff or the reason.")
    public DriftView router(@PathParam("hostname") String hostname) {
        InventoryRevision at = inventory.current();
        at.router(hostname).orElseThrow(() -> ChangeRefused.notFound("no router " + hostname + " in the inventory at " + at.commit()));
        String organization = at.inventory().organizations().stream().filter(o -> o.routers().stream().anyMatch(r -> r.hostname().equals(hostname)))
                .map(Organization::code).findFirst().orElse(null);
        return view(organization, hostname, RouterDrift.findById(hostname));
    }

    @POST
    @Path("backups/collect")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    @Operation(summary = "Collect backups now, for one router or an organization", description = "Reads each router's running config, keeps"
            + " it as a new version only when it changed, and compares its owned lines with its baseline; answers when all are done. A router"
            + " a push holds is SKIPPED. Name exactly one of router and organization.")
    public CollectionView collect(@QueryParam("router") String router, @QueryParam("organization") String organization) {
        if ((router == null) == (organization == null)) {
            throw ChangeRefused.badRequest("invalid-parameter", "Name one router or one organization",
                    "give exactly one of ?router=HOSTNAME and ?organization=CODE").with("field", router == null ? "router" : "organization");
        }
        List<String> hostnames;
        if (router != null) {
            InventoryRevision at = inventory.current();
            at.router(router).orElseThrow(() -> ChangeRefused.unprocessable("unknown-router", "Unknown router",
                    "no router " + router + " in the inventory at " + at.commit()).with("field", "router"));
            hostnames = List.of(router);
        } else {
            hostnames = routersOf(organization).stream().map(ConnectionRouter::hostname).toList();
        }
        BackupCollector.Run run = collector.collect(hostnames, actors.current().name());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        run.routers().forEach(r -> byStatus.merge(r.status() == null ? r.outcome().name() : r.status().name(), 1L, Long::sum));
        return new CollectionView(views.time(run.startedAt()), views.time(run.finishedAt()), run.routers().size(), byStatus,
                run.routers().stream().map(r -> new CollectedView(r.hostname(), r.outcome().name(), r.status() == null ? null : r.status().name(),
                        r.backupId(), r.newVersion(), r.reason())).toList());
    }

    private List<ConnectionRouter> routersOf(String organization) {
        InventoryRevision at = inventory.current();
        if (organization == null) {
            return at.inventory().organizations().stream().flatMap(o -> o.routers().stream()).toList();
        }
        Organization found = at.inventory().organization(organization).orElseThrow(() -> ChangeRefused.unprocessable("unknown-organization",
                "Unknown organization", "no organization " + organization + " in the inventory at " + at.commit()).with("field", "organization"));
        return found.routers();
    }

    private DriftView view(String organization, String hostname, RouterDrift d) {
        if (d == null) {
            return new DriftView(hostname, organization, NEVER_COLLECTED, null, null, null, null, null, 0, 0, null, null);
        }
        return new DriftView(hostname, organization, d.status.name(), views.time(d.checkedAt), views.time(d.collectedAt), d.backupId,
                d.baselineRevision, d.baselineSource, d.added, d.removed, d.status == RouterDrift.Status.DRIFTED ? d.diff : null, d.reason);
    }
}
