package jp.lgwan.routerconfig.api;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangeNotificationService;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.LineSwitchRecord;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.NotificationItem;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.inventory.rules.PlainText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Change notifications (変更届出): filed by a connected organization for itself (or by the operating
 * body's engineers for it), decided and scheduled by operators. Every read is limited to the caller's
 * {@link jp.lgwan.routerconfig.change.Scope}: a notification out of it is not found (404), a list omits it.
 */
@Path("/api/change-notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChangeNotificationResource {

    public record FilingRequest(
            @NotBlank @Pattern(regexp = "[0-9]{6}|(ASP|APR)-[0-9]{5}", message = "must be a 6-digit local-government code or ASP-/APR-nnnnn")
            String organizationCode,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid NotificationItem> items,
            @NotNull LocalDate effectiveDate,
            @Pattern(regexp = "[A-Za-z0-9._/~^-]{1,100}", message = "must be a git revision (commit, branch, tag)") String inventoryRevision,
            @PlainText(max = 500) String emergencyReason) {
    }

    /**
     * @param overrideReason accepts a notification whose items do not say what its revision does: why (kept on the
     *                       notification with the mismatches, and audited)
     */
    public record Decision(@PlainText(max = 500) String reason, @PlainText(max = 500) String overrideReason) {
    }

    /** A line switch's coordination with the prefecture WAN's operator, or its three-party agreement. */
    public record LineSwitchRecording(@NotNull LineSwitchRecord.Kind kind,
                                      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be an access line id") String accessLine,
                                      @NotBlank @PlainText(max = 300) String parties,
                                      @NotNull LocalDate agreedOn,
                                      @NotBlank @PlainText(max = 200) String documentReference) {
    }

    public record Scheduling(@NotNull Long outageId) {
    }

    private final ChangeNotificationService notifications;
    private final Actors actors;
    private final Views views;
    private final LiveInventory inventory;

    public ChangeNotificationResource(ChangeNotificationService notifications, Actors actors, Views views, LiveInventory inventory) {
        this.inventory = inventory;
        this.notifications = notifications;
        this.actors = actors;
        this.views = views;
    }

    @POST
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.ORGANIZATION})
    @Operation(summary = "File a change notification",
            description = "Files a change notification (変更届) of an organization: its items and effective date, compared at the "
            + "inventory revision it names (HEAD by default). The answer carries each router's risk, diff and "
            + "plan. Refused when the notice period is not met (notice-period), the items do not match the "
            + "revision, or the organization is outside the caller's scope.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.NotificationView.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingRequest.class),
            examples = @ExampleObject(name = "file",
                    value = "{\"organization_code\": \"013951\", \"items\": [{\"kind\": \"OTHER\", \"description\": \"LAN "
            + "description of the new office\"}], \"effective_date\": \"2026-12-25\", \"inventory_revision\": "
            + "\"main\"}")))
    public Response file(@NotNull @Valid FilingRequest request) {
        ChangeNotification filed = notifications.file(new ChangeNotificationService.Filing(request.organizationCode(), request.items(),
                request.effectiveDate(), request.inventoryRevision(), blankToNull(request.emergencyReason())), actors.current());
        return Response.created(URI.create("/api/change-notifications/" + filed.id)).entity(views.notification(filed, true)).build();
    }

    @GET
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
    @Transactional
    @Operation(summary = "List change notifications, newest first",
            description = "The notifications in the caller's scope, optionally of one state or organization; paged.")
    public Page<Views.NotificationView> list(@BeanParam Page.Request paging,
                                             @QueryParam("state") String state, @QueryParam("organization_code") String organization) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        Scope scope = actors.current().scope();
        if (!scope.isOperatingBody()) {
            where.add("organizationCode in :scope");
            java.util.Set<String> codes = scope.organizationCodes(inventory.current().inventory());
            // a prefecture with no organization in the inventory: a code no notification has, not an empty "in ()"
            parameters.put("scope", codes.isEmpty() ? java.util.Set.of("") : codes);
        }
        if (state != null) {
            where.add("state = :state");
            parameters.put("state", parseState(state));
        }
        if (organization != null) {
            where.add("organizationCode = :organization");
            parameters.put("organization", organization);
        }
        return Page.of(ChangeNotification.<ChangeNotification>find(String.join(" and ", where), Sort.descending("id"), parameters), paging,
                n -> views.notification(n, false));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
    @Transactional
    @Operation(summary = "Read one change notification",
            description = "The notification with its items, decision, and per router its risk, diff and push plan (and whether "
            + "the router drifted from its baseline).")
    public Views.NotificationView get(@PathParam("id") long id) {
        ChangeNotification notification = ChangeNotification.findById(id);
        if (notification == null || !actors.current().scope().covers(inventory.current().inventory(), notification.organizationCode)) {
            throw ChangeRefused.notFound("no change notification " + id);
        }
        return views.notification(notification, true);
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Accept a submitted notification",
            description = "An operator accepts a SUBMITTED notification; one whose items do not say what its revision does "
            + "needs an override_reason (kept and audited).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class),
            examples = @ExampleObject(name = "accept",
                    value = "{\"reason\": \"checked with the town\"}")))
    public Views.NotificationView accept(@PathParam("id") long id, @Valid Decision decision) {
        return views.notification(notifications.accept(id, actors.current(), decision == null ? null : blankToNull(decision.reason()),
                decision == null ? null : blankToNull(decision.overrideReason())), true);
    }

    @POST
    @Path("{id}/line-switch-records")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    @Transactional
    @Operation(summary = "Record a line switch's coordination or agreement",
            description = "Records, for an access line the notification switches, the coordination with the prefecture WAN's "
            + "operator or the three-party agreement: who agreed, on which day, in which document. A window may "
            + "not push the switch without them.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.LineSwitchRecordView.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LineSwitchRecording.class),
            examples = @ExampleObject(name = "recordLineSwitch",
                    value = "{\"kind\": \"PREFECTURE_WAN_COORDINATION\", \"access_line\": \"niseko-carrier-1\", \"parties\": "
            + "\"Hokkaido prefecture WAN operator\", \"agreed_on\": \"2026-12-01\", \"document_reference\": "
            + "\"HK-WAN-2026-118\"}")))
    public Response recordLineSwitch(@PathParam("id") long id, @NotNull @Valid LineSwitchRecording recording) {
        LineSwitchRecord record = notifications.recordLineSwitch(id, recording.kind(), recording.accessLine(), recording.parties(),
                recording.agreedOn(), recording.documentReference(), actors.current());
        return Response.created(URI.create("/api/change-notifications/" + id)).entity(views.lineSwitchRecord(record)).build();
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Reject a submitted notification",
            description = "An operator rejects a SUBMITTED notification, with the reason the organization reads.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class),
            examples = @ExampleObject(name = "reject",
                    value = "{\"reason\": \"the effective date falls in the year-end freeze\"}")))
    public Views.NotificationView reject(@PathParam("id") long id, @Valid Decision decision) {
        return views.notification(notifications.reject(id, actors.current(), decision == null ? null : decision.reason()), true);
    }

    @POST
    @Path("{id}/schedule")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Schedule an accepted notification into a window",
            description = "Puts an ACCEPTED notification into an approved planned-outage window (計画停止) that covers its routers "
            + "and its effective date; the window pushes it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Scheduling.class),
            examples = @ExampleObject(name = "schedule",
                    value = "{\"outage_id\": 3}")))
    public Views.NotificationView schedule(@PathParam("id") long id, @NotNull @Valid Scheduling scheduling) {
        return views.notification(notifications.schedule(id, scheduling.outageId(), actors.current()), true);
    }

    /** Withdraws (取下げ) a notification not yet scheduled: its organization, or the operating body's engineers and operators. */
    @POST
    @Path("{id}/withdraw")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.ORGANIZATION})
    @Transactional
    @Operation(summary = "Withdraw a notification",
            description = "Withdraws (取下げ) a notification not yet scheduled: its organization, or the operating body's "
            + "engineers and operators; with the reason.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class),
            examples = @ExampleObject(name = "withdraw",
                    value = "{\"reason\": \"the office move is postponed\"}")))
    public Views.NotificationView withdraw(@PathParam("id") long id, @Valid Decision decision) {
        return views.notification(notifications.withdraw(id, actors.current(), decision == null ? null : blankToNull(decision.reason())), true);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Close a notification whose window is done",
            description = "Closes a scheduled notification once its window's job has finished.")
    public Views.NotificationView close(@PathParam("id") long id) {
        return views.notification(notifications.close(id, actors.current()), true);
    }

    static NotificationState parseState(String state) {
        try {
            return NotificationState.valueOf(state.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ChangeRefused.unprocessable("invalid-filter", "Unknown state", "state must be one of "
                    + java.util.Arrays.toString(NotificationState.values())).with("field", "state");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
