package jp.lgwan.routerconfig.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.BaselineStore;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.disclosure.GlobalAddresses;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.ops.OperationsGauges;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderedConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The inventory the service serves (a git commit), its routers' intended configs and their diffs. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.CI, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
public class InventoryResource {

    /** What every list and router shows instead of a global address (read one with a reason: {@link GlobalAddressResource}). */
    public static final String MASKED = GlobalAddresses.MASKED;

    private final LiveInventory inventory;
    private final BaselineStore baselines;
    private final Actors actors;
    private final Views views;
    private final AuditLog audit;
    private final OperationsGauges gauges;

    public InventoryResource(LiveInventory inventory, BaselineStore baselines, Actors actors, Views views, AuditLog audit,
                             OperationsGauges gauges) {
        this.gauges = gauges;
        this.inventory = inventory;
        this.baselines = baselines;
        this.actors = actors;
        this.views = views;
        this.audit = audit;
    }

    /**
     * @param servingLastGood HEAD could not be served at the start: {@code commit} is the last good revision, {@code headRefused} says why
     */
    public record InventoryStatus(String commit, OffsetDateTime loadedAt, int organizations, int routers, boolean inGit,
                                  boolean uncommittedChanges, List<String> renderProblems, boolean servingLastGood,
                                  LiveInventory.HeadRefused headRefused) {
    }

    /** The operating body's: it counts and names every organization's routers. */
    @GET
    @Path("inventory")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.CI, Actor.VIEWER})
    @Operation(summary = "Read the served inventory revision",
            description = "The commit the service serves, when it was loaded, how many organizations and routers it holds, and "
            + "whether HEAD could not be served (then the last good revision is served instead).")
    public InventoryStatus status() {
        return status(inventory.current());
    }

    private InventoryStatus status(InventoryRevision current) {
        LiveInventory.HeadRefused refused = inventory.headRefused().orElse(null);
        return new InventoryStatus(current.commit(), views.time(current.loadedAt()), current.inventory().organizations().size(),
                current.inventory().routerCount(), inventory.inGit(), inventory.hasUncommittedChanges(),
                current.problems().stream().map(p -> p.format()).toList(), refused != null, refused);
    }

    /**
     * Serves the commit now at HEAD; one whose inventory is invalid or where a router does not
     * render is refused (422, with every error) and the old one stays.
     */
    @POST
    @Path("inventory/reload")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    @Transactional
    @Operation(summary = "Reload the inventory from HEAD",
            description = "Serves the commit now at HEAD. One whose inventory is invalid or where a router does not render is "
            + "refused (422, with every error) and the old revision stays served.")
    public InventoryStatus reload() {
        String before = inventory.current().commit();
        InventoryRevision loaded;
        try {
            loaded = inventory.reload(actors.current().name());
        } catch (ChangeRefused refused) {
            gauges.reloadFailed();
            throw refused;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", before);
        detail.put("to", loaded.commit());
        audit.record(actors.current().name(), "inventory.reloaded", "inventory", loaded.commit(), detail);
        return status(loaded);
    }

    /** The organizations in the caller's scope (an organization sees itself, a prefecture its organizations). */
    @GET
    @Path("organizations")
    @Operation(summary = "List organizations of the inventory",
            description = "The organizations in the caller's scope (an organization sees itself, a prefecture its "
            + "organizations) at the served revision; paged.")
    public Page<Organization> organizations(@BeanParam Page.Request paging,
                                            @QueryParam("prefecture") String prefecture) {
        Scope scope = actors.current().scope();
        List<Organization> all = inventory.current().inventory().organizations().stream().filter(scope::covers)
                .filter(o -> prefecture == null || o.prefecture().name().equalsIgnoreCase(prefecture))
                .sorted(Comparator.comparing(Organization::code)).toList();
        return Page.of(all, paging);
    }

    @GET
    @Path("organizations/{code}")
    @Operation(summary = "Read one organization of the inventory",
            description = "The organization as its inventory file declares it, at the served revision.")
    public Organization organization(@PathParam("code") String code) {
        Scope scope = actors.current().scope();
        return inventory.current().inventory().organization(code).filter(scope::covers)
                .orElseThrow(() -> ChangeRefused.notFound("no organization " + code + " in the inventory at " + inventory.current().commit()));
    }

    @GET
    @Path("routers")
    @Operation(summary = "List routers of the inventory",
            description = "The connection routers in the caller's scope at the served revision; paged.")
    public Page<Views.RouterView> routers(@BeanParam Page.Request paging,
                                          @QueryParam("vendor_profile") String profile) {
        InventoryRevision current = inventory.current();
        Scope scope = actors.current().scope();
        List<ConnectionRouter> all = current.inventory().organizations().stream().filter(scope::covers).flatMap(o -> o.routers().stream())
                .filter(r -> profile == null || r.vendorProfile().equals(profile))
                .sorted(Comparator.comparing(ConnectionRouter::hostname)).toList();
        Page<ConnectionRouter> routers = Page.of(all, paging);
        return new Page<>(routers.items().stream().map(r -> view(current, r)).toList(), routers.page(), routers.size(), routers.total());
    }

    @GET
    @Path("routers/{hostname}")
    @Operation(summary = "Read one router of the inventory",
            description = "The router as the inventory declares it, with its organization.")
    public Views.RouterView router(@PathParam("hostname") String hostname) {
        InventoryRevision current = inventory.current();
        return view(current, routerAt(current, hostname, actors.current()));
    }

    @GET
    @Path("access-lines")
    @Operation(summary = "List access lines of the inventory",
            description = "Every access line in the caller's scope at the served revision, with its organization; paged.")
    public Page<Views.AccessLineView> accessLines(@BeanParam Page.Request paging) {
        Scope scope = actors.current().scope();
        List<Views.AccessLineView> all = inventory.current().inventory().organizations().stream().filter(scope::covers)
                .sorted(Comparator.comparing(Organization::code))
                .flatMap(o -> o.accessLines().stream().map(l -> new Views.AccessLineView(o.code(), l))).toList();
        return Page.of(all, paging);
    }

    /**
     * The intended config at the served commit, secrets as {@code {{secret:…}}} placeholders; or at
     * {@code ?revision=}: another commit only for engineers and operators (see {@link LiveInventory#at(String, Actor)}).
     */
    @GET
    @Path("routers/{hostname}/config")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Render a router's intended config",
            description = "The intended config at the served commit, secrets as {{secret:...}} placeholders; at ?revision= "
            + "another commit, branch or tag, for engineers and operators only.")
    public String config(@PathParam("hostname") String hostname, @QueryParam("revision") String revision) {
        InventoryRevision at = revision == null ? inventory.current() : inventory.at(revision, actors.current());
        routerAt(at, hostname, actors.current());
        return at.config(hostname).map(RenderedConfig::text).orElseThrow(() -> ChangeRefused.unprocessable("render-failed",
                "Router config cannot be rendered", at.problems().stream().filter(p -> p.router().equals(hostname))
                        .map(p -> p.format()).findFirst().orElse(hostname + " has no template at " + at.commit())));
    }

    public record DiffView(String hostname, String profile, String baseRevision, String headRevision, String risk, int added, int removed,
                           String diff) {
    }

    /** What would change on the router: its baseline (what it is taken to run) against the intended config. */
    @GET
    @Path("routers/{hostname}/diff")
    @Operation(summary = "Diff a router's baseline against its intended config",
            description = "What would change on the router: its baseline (what it is taken to run) against the intended config "
            + "at the served revision or ?revision=, with the change's risk.")
    public DiffView diff(@PathParam("hostname") String hostname, @QueryParam("revision") String revision) {
        InventoryRevision at = revision == null ? inventory.current() : inventory.at(revision, actors.current());
        routerAt(at, hostname, actors.current());
        RenderedConfig intended = at.config(hostname).orElseThrow(() -> ChangeRefused.unprocessable("render-failed",
                "Router config cannot be rendered", hostname + " does not render at " + at.commit()));
        RenderedConfig base = baselines.baselineOf(hostname, intended.profile()).orElse(null);
        InventoryDiff.RouterChange change = InventoryDiff.routerChange(hostname, base, intended, at.dialect(intended.profile()));
        String baseRevision = jp.lgwan.routerconfig.change.RouterBaseline.<jp.lgwan.routerconfig.change.RouterBaseline>findByIdOptional(hostname)
                .map(b -> b.revision).orElse(null);
        return new DiffView(hostname, intended.profile(), baseRevision, at.commit(), change.risk().name(), change.diff().added(),
                change.diff().removed(), change.maskedDiff());
    }

    /** The router, when it is in the inventory at {@code at} and in the caller's scope: out of scope it is not found (404), like one that does not exist. */
    private static ConnectionRouter routerAt(InventoryRevision at, String hostname, Actor caller) {
        return at.router(hostname).filter(r -> caller.scope().covers(at.inventory().ownerOf(r))).orElseThrow(() -> ChangeRefused.notFound("no router " + hostname + " in the inventory at " + at.commit()));
    }

    /** Every caller sees the global address masked: one router's is read with a reason, audited ({@link GlobalAddressResource}). */
    private Views.RouterView view(InventoryRevision at, ConnectionRouter router) {
        return new Views.RouterView(at.inventory().ownerOf(router).code(), router, MASKED);
    }
}
