package jp.lgwan.routerconfig.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import java.time.OffsetDateTime;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.disclosure.GlobalAddressDisclosure;
import jp.lgwan.routerconfig.disclosure.GlobalAddresses;
import jp.lgwan.routerconfig.inventory.rules.PlainText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Routers' global addresses (秘密情報): read one with a reason (audited), and the disclosures to
 * LGWAN-ASP providers. No list shows an address: a bulk read has no path.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GlobalAddressResource {

    public record Reading(@PlainText(max = 500) String reason) {
    }

    public record AddressView(String hostname, String globalAddress) {
    }

    public record DisclosureRequest(
            @Pattern(regexp = "ASP-[0-9]{5}", message = "must be an LGWAN-ASP provider's code, ASP-nnnnn") String providerCode,
            @Pattern(regexp = "[a-z0-9.-]{1,253}", message = "must be a router's hostname") String router,
            @PlainText(max = 500) String requester, @PlainText(max = 500) String reason) {
    }

    /** @param globalAddress only on the answer to the disclosure itself: the operator passes it on */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record DisclosureView(long id, String providerCode, String router, String requester, String reason, String recordedBy,
                                 OffsetDateTime recordedAt, String globalAddress) {
    }

    private final GlobalAddresses addresses;
    private final Actors actors;
    private final Views views;

    public GlobalAddressResource(GlobalAddresses addresses, Actors actors, Views views) {
        this.addresses = addresses;
        this.actors = actors;
        this.views = views;
    }

    /** One router's address, with a reason; audited. An operator reads any router's, an organization its own routers'. */
    @POST
    @Path("routers/{hostname}/global-address")
    @RolesAllowed({Actor.OPERATOR, Actor.ORGANIZATION})
    @Operation(summary = "Read a router's global address (audited)",
            description = "One router's global address, with the reason for reading it; the read is audited. An operator reads "
            + "any router's, an organization its own routers'.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reading.class),
            examples = @ExampleObject(name = "read",
                    value = "{\"reason\": \"carrier ticket 4711: confirm the address before the line test\"}")))
    public AddressView read(@PathParam("hostname") String hostname, @Valid Reading reading) {
        return new AddressView(hostname, addresses.read(hostname, actors.current(), reading == null ? null : reading.reason(), "api"));
    }

    /** Records that a router's address is told to an LGWAN-ASP provider, and answers the address to pass on; audited. */
    @POST
    @Path("global-address-disclosures")
    @RolesAllowed(Actor.OPERATOR)
    @Operation(summary = "Disclose a router's global address to an LGWAN-ASP provider",
            description = "Records that a router's global address is told to an LGWAN-ASP provider (who asked, why) and "
            + "answers the address to pass on; audited.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisclosureView.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisclosureRequest.class),
            examples = @ExampleObject(name = "disclose",
                    value = "{\"provider_code\": \"ASP-00012\", \"router\": \"lgrt.town.niseko.lgwan.jp\", \"requester\": "
            + "\"ASP-00012 support desk\", \"reason\": \"allow-list for the town's new service\"}")))
    public Response disclose(@NotNull @Valid DisclosureRequest request) {
        GlobalAddresses.Disclosed disclosed = addresses.disclose(new GlobalAddresses.Disclosure(request.providerCode(), request.router(),
                request.requester(), request.reason()), actors.current());
        return Response.created(URI.create("/api/global-address-disclosures/" + disclosed.record().id))
                .entity(view(disclosed.record(), disclosed.address())).build();
    }

    /** The disclosures recorded, newest first, without the addresses; an organization sees those of its routers and those made to it. */
    @GET
    @Path("global-address-disclosures")
    @RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION})
    @Operation(summary = "List global-address disclosures, newest first",
            description = "The disclosures recorded, without the addresses; an organization sees those of its routers and "
            + "those made to it; paged.")
    public Page<DisclosureView> disclosures(@BeanParam Page.Request paging) {
        return Page.of(addresses.disclosures(actors.current()).stream().map(d -> view(d, null)).toList(), paging);
    }

    private DisclosureView view(GlobalAddressDisclosure d, String address) {
        return new DisclosureView(d.id, d.providerCode, d.hostname, d.requester, d.reason, d.recordedBy, views.time(d.recordedAt), address);
    }
}
