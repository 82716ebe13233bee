package jp.lgwan.routerconfig.api;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.PlannedOutageService;
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.rules.PlainText;
import jp.lgwan.routerconfig.rollout.RolloutJob;
import jp.lgwan.routerconfig.rollout.WindowStarter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Planned-outage windows (計画停止): requested by a connected organization for its own routers (or by
 * the operating body's engineers), approved, cancelled and started by operators. A caller of an
 * organization or prefecture scope sees the windows holding one of its routers, and of each only its
 * routers; another window is not found.
 */
@Path("/api/outages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutageResource {

    public record OutageRequest(@NotEmpty @Size(max = 5000) List<@NotNull String> routers, @NotNull OffsetDateTime windowStart,
                                @NotNull OffsetDateTime windowEnd, @NotNull OutageReason reason, @PlainText(max = 500) String description) {
    }

    public record Cancellation(@PlainText(max = 500) String reason) {
    }

    /**
     * Starting a window by hand; optional. {@code force_pre_check}: routers of the window to push even where
     * their pre-check finds a pre-existing fault (WAN already down or erroring), each with the reason (audited).
     */
    public record StartRequest(@Size(max = 5000) List<@NotNull @Valid ForcedRouter> forcePreCheck) {
    }

    public record ForcedRouter(@NotBlank @Size(max = 253) String router, @NotBlank @PlainText(max = 500) String reason) {
    }

    private final PlannedOutageService outages;
    private final WindowStarter starter;
    private final Actors actors;
    private final Views views;
    private final LiveInventory inventory;

    public OutageResource(PlannedOutageService outages, WindowStarter starter, Actors actors, Views views, LiveInventory inventory) {
        this.inventory = inventory;
        this.outages = outages;
        this.starter = starter;
        this.actors = actors;
        this.views = views;
    }

    @POST
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.ORGANIZATION})
    @Operation(summary = "Request a planned-outage window",
            description = "Requests a planned-outage window (計画停止) for routers: its start and end (with offset), its reason "
            + "and a description. Refused when it lies in the past, is shorter than the boot allowance, overlaps "
            + "another window of a router, or names a router outside the caller's scope.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.OutageView.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutageRequest.class),
            examples = @ExampleObject(name = "request",
                    value = "{\"routers\": [\"lgrt.town.niseko.lgwan.jp\"], \"window_start\": \"2026-12-25T22:00:00.000+09:00\", "
            + "\"window_end\": \"2026-12-25T23:30:00.000+09:00\", \"reason\": \"LINE_SPEED_CHANGE\", "
            + "\"description\": \"access line to 1 Gbit/s\"}")))
    public Response request(@NotNull @Valid OutageRequest request) {
        Actor actor = actors.current();
        PlannedOutage outage = outages.request(new PlannedOutageService.Request(request.routers(), request.windowStart().toInstant(),
                request.windowEnd().toInstant(), request.reason(), request.description()), actor);
        return Response.created(URI.create("/api/outages/" + outage.id)).entity(view(outage, actor.scope())).build();
    }

    @GET
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
    @Transactional
    @Operation(summary = "List planned-outage windows",
            description = "The windows in the caller's scope, optionally of one status or from/to a day; paged.")
    public Page<Views.OutageView> list(@BeanParam Page.Request paging,
                                       @QueryParam("status") String status) {
        Scope scope = actors.current().scope();
        if (!scope.isOperatingBody()) {
            OutageStatus wanted = status == null ? null : parseStatus(status);
            Set<String> routers = scope.routerHostnames(inventory.current().inventory());
            List<PlannedOutage> visible = PlannedOutage.<PlannedOutage>list("select distinct o from PlannedOutage o join o.routers r where r in ?1",
                            routers.isEmpty() ? Set.of("") : routers).stream().filter(o -> wanted == null || o.status == wanted)
                    .sorted(Comparator.comparing((PlannedOutage o) -> o.windowStart).thenComparing(o -> o.id)).toList();
            return Page.of(visible.stream().map(o -> view(o, scope)).toList(), paging);
        }
        if (status == null) {
            return Page.of(PlannedOutage.<PlannedOutage>findAll(Sort.ascending("windowStart", "id")), paging, views::outage);
        }
        return Page.of(PlannedOutage.<PlannedOutage>find("status", Sort.ascending("windowStart", "id"), parseStatus(status)), paging, views::outage);
    }

    private static OutageStatus parseStatus(String status) {
        OutageStatus wanted;
        try {
            wanted = OutageStatus.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ChangeRefused.unprocessable("invalid-filter", "Unknown status", "status must be one of "
                    + java.util.Arrays.toString(OutageStatus.values())).with("field", "status");
        }
        return wanted;
    }

    /** The window with only the routers the scope covers. */
    private Views.OutageView view(PlannedOutage outage, Scope scope) {
        return views.outage(outage, hostname -> scope.coversRouter(inventory.current().inventory(), hostname));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
    @Transactional
    @Operation(summary = "Read one planned-outage window",
            description = "The window with only the routers the caller's scope covers.")
    public Views.OutageView get(@PathParam("id") long id) {
        PlannedOutage outage = PlannedOutage.findById(id);
        Scope scope = actors.current().scope();
        if (outage == null || !outages.visibleTo(outage, scope)) {
            throw ChangeRefused.notFound("no planned outage " + id);
        }
        return view(outage, scope);
    }

    /** Withdraws (取下げ) a request not yet approved: the organization that requested it, or the operating body's engineers and operators. */
    @POST
    @Path("{id}/withdraw")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.ORGANIZATION})
    @Transactional
    @Operation(summary = "Withdraw a requested window",
            description = "Withdraws (取下げ) a request not yet approved: the organization that requested it, or the operating "
            + "body's engineers and operators.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cancellation.class),
            examples = @ExampleObject(name = "withdraw",
                    value = "{\"reason\": \"the carrier moved the work\"}")))
    public Views.OutageView withdraw(@PathParam("id") long id, @Valid Cancellation withdrawal) {
        Actor actor = actors.current();
        return view(outages.withdraw(id, actor, withdrawal == null ? null : ChangeNotificationResource.blankToNull(withdrawal.reason())),
                actor.scope());
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Approve a requested window",
            description = "An operator approves a REQUESTED window: it opens by itself at its start and pushes what is "
            + "scheduled into it.")
    public Views.OutageView approve(@PathParam("id") long id) {
        return views.outage(outages.approve(id, actors.current()));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Cancel a window that has not started",
            description = "An operator cancels an approved window before it starts, with the reason; its scheduled "
            + "notifications go back to ACCEPTED.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cancellation.class),
            examples = @ExampleObject(name = "cancel",
                    value = "{\"reason\": \"the carrier moved the work\"}")))
    public Views.OutageView cancel(@PathParam("id") long id, @Valid Cancellation cancellation) {
        return views.outage(outages.cancel(id, actors.current(), cancellation == null ? null : cancellation.reason()));
    }

    /** Starts an approved window's job by hand, inside the window. */
    @POST
    @Path("{id}/start")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Start an approved window by hand",
            description = "Starts an approved window's job by hand, inside the window (202 with the job). force_pre_check "
            + "names routers to push even where their pre-check finds a pre-existing fault, each with the reason "
            + "(audited).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StartRequest.class),
            examples = @ExampleObject(name = "start",
                    value = "{\"force_pre_check\": [{\"router\": \"lgrt.town.niseko.lgwan.jp\", \"reason\": \"WAN errors known "
            + "to the carrier; the change fixes them\"}]}")))
    @APIResponse(responseCode = "202", description = "Started: the window's job, which runs on",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.JobView.class)))
    public Response start(@PathParam("id") long id, @Valid StartRequest request) {
        List<WindowStarter.PreCheckForce> forces = request == null || request.forcePreCheck() == null ? List.of()
                : request.forcePreCheck().stream().map(f -> new WindowStarter.PreCheckForce(f.router(), f.reason())).toList();
        RolloutJob job = starter.openByHand(id, actors.current(), forces);
        return Response.accepted(views.job(job, true)).location(URI.create("/api/jobs/" + job.id)).build();
    }
}
