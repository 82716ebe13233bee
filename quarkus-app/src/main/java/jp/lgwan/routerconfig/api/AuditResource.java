package jp.lgwan.routerconfig.api;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.audit.AuditEvent;
import jp.lgwan.routerconfig.change.Actor;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The append-only audit log, newest first. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.ENGINEER, Actor.OPERATOR, Actor.VIEWER})
public class AuditResource {

    private final Views views;

    public AuditResource(Views views) {
        this.views = views;
    }

    @GET
    @Transactional
    @Operation(summary = "List audit events, newest first",
            description = "The append-only audit log: every decision, window move, job, notice acknowledgement, secret read "
            + "and inventory reload, with who did it and when. Filter by subject_type, subject_id, actor and "
            + "action; paged.")
    public Page<Views.AuditView> list(@BeanParam Page.Request paging,
                                      @QueryParam("subject_type") String subjectType, @QueryParam("subject_id") String subjectId,
                                      @QueryParam("actor") String actor, @QueryParam("action") String action) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        add(where, parameters, "subjectType", subjectType);
        add(where, parameters, "subjectId", subjectId);
        add(where, parameters, "actor", actor);
        add(where, parameters, "action", action);
        return Page.of(AuditEvent.<AuditEvent>find(String.join(" and ", where), Sort.descending("id"), parameters), paging, views::audit);
    }

    private static void add(List<String> where, Map<String, Object> parameters, String field, String value) {
        if (value != null) {
            where.add(field + " = :" + field);
            parameters.put(field, value);
        }
    }
}
