package jp.lgwan.routerconfig.api;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.rollout.RolloutJob;

/** The work of each opened window, router by router. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
public class JobResource {

    private final Views views;

    public JobResource(Views views) {
        this.views = views;
    }

    @GET
    @Transactional
    public Page<Views.JobView> list(@BeanParam Page.Request paging) {
        return Page.of(RolloutJob.<RolloutJob>findAll(Sort.descending("id")), paging, j -> views.job(j, false));
    }

    @GET
    @Path("{id}")
    @Transactional
    public Views.JobView get(@PathParam("id") long id) {
        RolloutJob job = RolloutJob.findById(id);
        if (job == null) {
            throw ChangeRefused.notFound("no job " + id);
        }
        return views.job(job, true);
    }
}
