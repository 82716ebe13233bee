package jp.lgwan.routerconfig.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes audit events in the caller's transaction, so an event exists exactly when the change it
 * describes was committed.
 */
@ApplicationScoped
public class AuditLog {

    /** The actor of what the service does by itself. */
    public static final String SERVICE = "service";

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(String actor, String action, String subjectType, Object subjectId, Map<String, ?> detail) {
        AuditEvent event = new AuditEvent();
        event.occurredAt = clock.instant();
        event.actor = actor;
        event.action = action;
        event.subjectType = subjectType;
        event.subjectId = subjectId == null ? null : subjectId.toString();
        event.detail = new LinkedHashMap<>(detail);
        event.persist();
        return event;
    }
}
