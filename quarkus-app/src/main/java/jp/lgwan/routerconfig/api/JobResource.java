package jp.lgwan.routerconfig.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.inventory.rules.PlainText;
import jp.lgwan.routerconfig.rollout.RolloutJob;
import jp.lgwan.routerconfig.rollout.JobLifecycle;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The work of each opened window, router by router. An organization (or a prefecture) sees the jobs
 * that pushed one of its routers, and of each only its routers: their steps, states and counts
 * (issue 15: organizations see their routers' state); a job with none of them is not found, like one
 * that does not exist.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER, Actor.ORGANIZATION, Actor.PREFECTURE})
public class JobResource {

    private final Views views;
    private final JobLifecycle jobs;
    private final Actors actors;
    private final EventStreams streams;
    private final LiveInventory inventory;

    public JobResource(Views views, JobLifecycle jobs, Actors actors, EventStreams streams, LiveInventory inventory) {
        this.streams = streams;
        this.views = views;
        this.jobs = jobs;
        this.actors = actors;
        this.inventory = inventory;
    }

    @GET
    @Transactional
    @Operation(summary = "List rollout jobs, newest first",
            description = "The work of each opened window, with the count of routers per state and its outcome in one "
            + "sentence; paged.")
    public Page<Views.JobView> list(@BeanParam Page.Request paging) {
        Scope scope = actors.current().scope();
        if (scope.isOperatingBody()) {
            return Page.of(RolloutJob.<RolloutJob>findAll(Sort.descending("id")), paging, j -> views.job(j, false));
        }
        Set<String> routers = scope.routerHostnames(inventory.current().inventory());
        List<RolloutJob> visible = RolloutJob.list("select distinct j from RolloutJob j join j.routers r where r.hostname in ?1 order by j.id desc",
                routers.isEmpty() ? Set.of("") : routers);
        return Page.of(visible, paging, j -> views.job(j, false, routers::contains));
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "Read one rollout job",
            description = "The job router by router: each router's state, the revision pushed, its steps (with their "
            + "evidence), failed checks and backup.")
    public Views.JobView get(@PathParam("id") long id) {
        Predicate<String> shown = shown(actors.current().scope());
        return views.job(visible(id, shown), true, shown);
    }

    /** The job as it runs, as server-sent events (what each event carries: {@link EventStreams#job}); it ends after the job. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Follow one job live (server-sent events)",
            description = "The job as it runs: job (where it stands now), step for each step a router takes, router when a "
            + "router ends, job again when the job moves; the stream ends after the job is finished.")
    public Multi<OutboundSseEvent> events(@PathParam("id") long id, @Context Sse sse) {
        Predicate<String> shown = shown(actors.current().scope());
        QuarkusTransaction.requiringNew().run(() -> visible(id, shown));
        return streams.job(id, sse, shown);
    }

    /** The routers of a job {@code scope} sees: all for the operating body, its own organizations' for the others. */
    private Predicate<String> shown(Scope scope) {
        return scope.isOperatingBody() ? hostname -> true : hostname -> scope.coversRouter(inventory.current().inventory(), hostname);
    }

    /** The job, when it exists and one of its routers is {@code shown}; else not found. */
    private static RolloutJob visible(long id, Predicate<String> shown) {
        RolloutJob job = RolloutJob.findById(id);
        if (job == null || job.routers.stream().noneMatch(r -> shown.test(r.hostname))) {
            throw ChangeRefused.notFound("no job " + id);
        }
        return job;
    }

    public record Halt(@PlainText(max = 500) String reason) {
    }

    /** An operator halts a running job: no router starts any more (the pending ones are skipped), those in flight finish. */
    @POST
    @Path("{id}/halt")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.OPERATOR)
    @Transactional
    @Operation(summary = "Halt a running job",
            description = "An operator halts a running job: no router starts any more (the pending ones are skipped), those in "
            + "flight finish; with the reason.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Halt.class),
            examples = @ExampleObject(name = "halt",
                    value = "{\"reason\": \"the carrier reports a fault on the prefecture WAN\"}")))
    public Views.JobView halt(@PathParam("id") long id, @Valid Halt halt) {
        return views.job(jobs.haltByHand(id, actors.current(), halt == null ? null : halt.reason()), true);
    }
}
