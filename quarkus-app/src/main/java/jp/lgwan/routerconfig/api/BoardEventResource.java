package jp.lgwan.routerconfig.api;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jp.lgwan.routerconfig.change.Actor;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The board's live stream: every move the board shows, as server-sent events (what each carries: {@link EventStreams#board}). */
@Path("/api/board/events")
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
public class BoardEventResource {

    private final EventStreams streams;

    public BoardEventResource(EventStreams streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow the board live (server-sent events)",
            description = "Every move the board shows, as server-sent events: audit (a notification, window, job, notice or "
            + "inventory moved), router (a router of a job ended), progress (job ids whose routers took steps, at "
            + "most once a second) and resync (events may have been missed: read the state again).")
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        return streams.board(sse);
    }
}
