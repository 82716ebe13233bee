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
import jp.lgwan.routerconfig.rollout.RouterBackup;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The running configs read from routers before each push, newest first; secrets appear as placeholders. */
@Path("/api")
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
public class BackupResource {

    private final Views views;

    public BackupResource(Views views) {
        this.views = views;
    }

    @GET
    @Path("routers/{hostname}/backups")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "List a router's backups, newest first",
            description = "Every stored version of the router's running config: read before each push (PRE_PUSH) or by a "
            + "backup collection (COLLECTED), kept only when it changed. Secrets appear as placeholders; paged.")
    public Page<Views.BackupView> list(@PathParam("hostname") String hostname, @BeanParam Page.Request paging) {
        return Page.of(RouterBackup.<RouterBackup>find("hostname", Sort.descending("id"), hostname), paging, views::backup);
    }

    @GET
    @Path("backups/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    @Operation(summary = "Read one backup's config",
            description = "The stored running config of one version, as plain text; secrets the service knows appear as "
            + "{{secret:...}} placeholders.")
    public String get(@PathParam("id") long id) {
        RouterBackup backup = RouterBackup.findById(id);
        if (backup == null) {
            throw ChangeRefused.notFound("no backup " + id);
        }
        return backup.config;
    }
}
