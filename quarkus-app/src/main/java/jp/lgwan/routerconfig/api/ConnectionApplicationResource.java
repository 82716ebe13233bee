package jp.lgwan.routerconfig.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.connection.ConnectionApplication;
import jp.lgwan.routerconfig.connection.ConnectionApplicationService;
import jp.lgwan.routerconfig.inventory.Contacts;
import jp.lgwan.routerconfig.inventory.OrganizationKind;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;
import jp.lgwan.routerconfig.inventory.rules.DnsName;
import jp.lgwan.routerconfig.inventory.rules.LocalGovernmentCodeCheckDigit;
import jp.lgwan.routerconfig.inventory.rules.PlainText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Connection applications (接続申請) of associations (一部事務組合等): recorded and forwarded by the
 * prefecture's collecting window (取りまとめ窓口), accepted or returned by the operating body's
 * operators, answered back by the prefecture; an accepted one's inventory file is drafted for the
 * engineers. A prefecture sees its own applications only.
 */
@Path("/api/connection-applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectionApplicationResource {

    public record ApplicationRequest(
            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit local-government code") @LocalGovernmentCodeCheckDigit
            String organizationCode,
            @NotBlank @Pattern(regexp = "partial-affairs-association|wide-area-union|property-ward",
                    message = "must be partial-affairs-association, wide-area-union or property-ward") String kind,
            @NotBlank @PlainText(max = 100) String name,
            @NotBlank @CliSafe(max = 64) String nameEn,
            @NotBlank @DnsName @Pattern(regexp = ".+\\.lg\\.jp", message = "must be the association's LG.JP domain") String domain,
            @NotNull @Valid Contacts contacts,
            @NotNull LocalDate desiredStartDate) {
    }

    public record Decision(@PlainText(max = 500) String reason) {
    }

    public record ApplicationView(long id, String organizationCode, String kind, String name, String nameEn, String domain, String prefecture,
                                  Contacts contacts, LocalDate desiredStartDate, String state, String collectedBy, OffsetDateTime collectedAt,
                                  String forwardedBy, OffsetDateTime forwardedAt, String decision, String decidedBy, OffsetDateTime decidedAt,
                                  String decisionReason, String answeredBy, OffsetDateTime answeredAt) {
    }

    private final ConnectionApplicationService applications;
    private final Actors actors;
    private final Views views;

    public ConnectionApplicationResource(ConnectionApplicationService applications, Actors actors, Views views) {
        this.applications = applications;
        this.actors = actors;
        this.views = views;
    }

    @POST
    @RolesAllowed(Actor.PREFECTURE)
    @Operation(summary = "Record a connection application",
            description = "A prefecture's collecting window (取りまとめ窓口) records an association's connection application (接続申請): "
            + "its code, kind, names, domain, contacts and desired start date.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationRequest.class),
            examples = @ExampleObject(name = "collect",
                    value = "{\"organization_code\": \"018007\", \"kind\": \"partial-affairs-association\", \"name\": "
            + "\"北海道テスト事務組合\", \"name_en\": \"Hokkaido Test Association\", \"domain\": \"kumiai.hokkaido.lg.jp\", "
            + "\"contacts\": {\"responsible\": {\"name\": \"北 一郎\", \"department\": \"総務課\", \"email\": "
            + "\"lgwan@kumiai.hokkaido.lg.jp\", \"phone\": \"011-231-4111\"}, \"primary_operator\": {\"name\": \"南 "
            + "花子\", \"email\": \"ops@kumiai.hokkaido.lg.jp\"}}, \"desired_start_date\": \"2027-04-01\"}")))
    public Response collect(@NotNull @Valid ApplicationRequest request) {
        ConnectionApplication recorded = applications.collect(new ConnectionApplicationService.Application(request.organizationCode(),
                OrganizationKind.valueOf(request.kind().toUpperCase().replace('-', '_')), request.name(), request.nameEn(), request.domain(),
                request.contacts(), request.desiredStartDate()), actors.current());
        return Response.created(URI.create("/api/connection-applications/" + recorded.id)).entity(view(recorded)).build();
    }

    @GET
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.PREFECTURE})
    @Operation(summary = "List connection applications, newest first",
            description = "The applications in the caller's scope (a prefecture sees its own); paged.")
    public Page<ApplicationView> list(@BeanParam Page.Request paging) {
        return Page.of(applications.list(actors.current()).stream().map(this::view).toList(), paging);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.PREFECTURE})
    @jakarta.transaction.Transactional
    @Operation(summary = "Read one connection application",
            description = "The application with its state and who moved it when.")
    public ApplicationView get(@PathParam("id") long id) {
        return view(applications.find(id, actors.current()));
    }

    @POST
    @Path("{id}/forward")
    @RolesAllowed(Actor.PREFECTURE)
    @Operation(summary = "Forward an application to the operating body",
            description = "The prefecture forwards a recorded application to the operating body's operators.")
    public ApplicationView forward(@PathParam("id") long id) {
        return view(applications.forward(id, actors.current()));
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed(Actor.OPERATOR)
    @Operation(summary = "Accept a forwarded application",
            description = "An operator accepts a forwarded application; its inventory file can then be drafted.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class),
            examples = @ExampleObject(name = "accept",
                    value = "{\"reason\": \"complete\"}")))
    public ApplicationView accept(@PathParam("id") long id, @Valid Decision decision) {
        return view(applications.accept(id, actors.current(), decision == null ? null : ChangeNotificationResource.blankToNull(decision.reason())));
    }

    @POST
    @Path("{id}/return")
    @RolesAllowed(Actor.OPERATOR)
    @Operation(summary = "Return a forwarded application",
            description = "An operator returns a forwarded application to the prefecture, with the reason.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class),
            examples = @ExampleObject(name = "returnIt",
                    value = "{\"reason\": \"the primary operator has no phone number\"}")))
    public ApplicationView returnIt(@PathParam("id") long id, @Valid Decision decision) {
        return view(applications.returnIt(id, actors.current(), decision == null ? null : decision.reason()));
    }

    @POST
    @Path("{id}/answer")
    @RolesAllowed(Actor.PREFECTURE)
    @Operation(summary = "Answer a decided application back",
            description = "The prefecture records that it answered the association with the operating body's decision.")
    public ApplicationView answer(@PathParam("id") long id) {
        return view(applications.answer(id, actors.current()));
    }

    /** The accepted application's organization file, as YAML for the engineers to complete and validate. */
    @GET
    @Path("{id}/inventory-draft")
    @Produces("application/yaml")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR})
    @Operation(summary = "Draft the inventory file of an accepted application",
            description = "The accepted application's organization file, as YAML for the engineers to complete (routers, "
            + "lines) and validate before they commit it.")
    public String inventoryDraft(@PathParam("id") long id) {
        return applications.inventoryDraft(id, actors.current());
    }

    private ApplicationView view(ConnectionApplication a) {
        return new ApplicationView(a.id, a.organizationCode, a.kind.name().toLowerCase().replace('_', '-'), a.name, a.nameEn, a.domain,
                a.prefecture.name().toLowerCase(), a.contacts, a.desiredStartDate, a.state.name(), a.collectedBy, views.time(a.collectedAt),
                a.forwardedBy, views.time(a.forwardedAt), a.decision == null ? null : a.decision.name(), a.decidedBy, views.time(a.decidedAt),
                a.decisionReason, a.answeredBy, views.time(a.answeredAt));
    }
}
