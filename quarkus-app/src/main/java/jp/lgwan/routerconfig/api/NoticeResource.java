package jp.lgwan.routerconfig.api;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.inventory.rules.PlainText;
import jp.lgwan.routerconfig.rollout.ServiceDesk;
import jp.lgwan.routerconfig.rollout.ServiceDeskNotice;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Service-desk notices (ネットワーク基盤サービス窓口への連絡): what went wrong in a window, as posted to the
 * desk's webhook, newest first; an operator acknowledges each once someone has taken it up.
 */
@Path("/api/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    public record Acknowledgement(@PlainText(max = 500) String note) {
    }

    private final ServiceDesk serviceDesk;
    private final Actors actors;
    private final Views views;

    public NoticeResource(ServiceDesk serviceDesk, Actors actors, Views views) {
        this.serviceDesk = serviceDesk;
        this.actors = actors;
        this.views = views;
    }

    /** {@code ?acknowledged=false}: those nobody has taken up yet. */
    @GET
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
    @Transactional
    @Operation(summary = "List service-desk notices, newest first",
            description = "The notices posted to the service desk's webhook (a window missed, a router rolled back ...) with "
            + "their delivery; ?acknowledged=false lists those nobody has taken up yet; paged.")
    public Page<Views.NoticeView> list(@BeanParam Page.Request paging, @QueryParam("acknowledged") String acknowledged) {
        if (acknowledged == null) {
            return Page.of(ServiceDeskNotice.<ServiceDeskNotice>findAll(Sort.descending("id")), paging, views::notice);
        }
        if (!acknowledged.equals("true") && !acknowledged.equals("false")) {
            throw ChangeRefused.unprocessable("invalid-filter", "Invalid filter", "acknowledged must be true or false, got " + acknowledged)
                    .with("field", "acknowledged");
        }
        String where = acknowledged.equals("true") ? "acknowledgedAt is not null" : "acknowledgedAt is null";
        return Page.of(ServiceDeskNotice.<ServiceDeskNotice>find(where, Sort.descending("id")), paging, views::notice);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
    @Transactional
    @Operation(summary = "Read one service-desk notice",
            description = "The notice's kind and body as posted, its delivery attempts, and its acknowledgement.")
    public Views.NoticeView get(@PathParam("id") long id) {
        ServiceDeskNotice notice = ServiceDeskNotice.findById(id);
        if (notice == null) {
            throw ChangeRefused.notFound("no service-desk notice " + id);
        }
        return views.notice(notice);
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Acknowledge a service-desk notice",
            description = "An operator takes the notice up, once, with a note.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Acknowledgement.class),
            examples = @ExampleObject(name = "acknowledge",
                    value = "{\"note\": \"called the town's IT desk\"}")))
    public Views.NoticeView acknowledge(@PathParam("id") long id, @Valid Acknowledgement acknowledgement) {
        String note = acknowledgement == null ? null : ChangeNotificationResource.blankToNull(acknowledgement.note());
        return views.notice(serviceDesk.acknowledge(id, actors.current(), note));
    }
}
