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
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.change.NotificationItem;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.inventory.rules.PlainText;

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
    public Response file(@NotNull @Valid FilingRequest request) {
        ChangeNotification filed = notifications.file(new ChangeNotificationService.Filing(request.organizationCode(), request.items(),
                request.effectiveDate(), request.inventoryRevision(), blankToNull(request.emergencyReason())), actors.current());
        return Response.created(URI.create("/api/change-notifications/" + filed.id)).entity(views.notification(filed, true)).build();
    }

    @GET
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
    @Transactional
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
    public Views.NotificationView accept(@PathParam("id") long id, @Valid Decision decision) {
        return views.notification(notifications.accept(id, actors.current(), decision == null ? null : blankToNull(decision.reason()),
                decision == null ? null : blankToNull(decision.overrideReason())), true);
    }

    @POST
    @Path("{id}/line-switch-records")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    @Transactional
    public Response recordLineSwitch(@PathParam("id") long id, @NotNull @Valid LineSwitchRecording recording) {
        LineSwitchRecord record = notifications.recordLineSwitch(id, recording.kind(), recording.accessLine(), recording.parties(),
                recording.agreedOn(), recording.documentReference(), actors.current());
        return Response.created(URI.create("/api/change-notifications/" + id)).entity(views.lineSwitchRecord(record)).build();
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Views.NotificationView reject(@PathParam("id") long id, @Valid Decision decision) {
        return views.notification(notifications.reject(id, actors.current(), decision == null ? null : decision.reason()), true);
    }

    @POST
    @Path("{id}/schedule")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    public Views.NotificationView schedule(@PathParam("id") long id, @NotNull @Valid Scheduling scheduling) {
        return views.notification(notifications.schedule(id, scheduling.outageId(), actors.current()), true);
    }

    /** Withdraws (取下げ) a notification not yet scheduled: its organization, or the operating body's engineers and operators. */
    @POST
    @Path("{id}/withdraw")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.ORGANIZATION})
    @Transactional
    public Views.NotificationView withdraw(@PathParam("id") long id, @Valid Decision decision) {
        return views.notification(notifications.withdraw(id, actors.current(), decision == null ? null : blankToNull(decision.reason())), true);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
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
