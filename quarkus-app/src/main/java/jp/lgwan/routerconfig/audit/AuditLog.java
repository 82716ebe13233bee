package jp.lgwan.routerconfig.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.lgwan.routerconfig.live.LiveEvent;
import jp.lgwan.routerconfig.live.LiveFeed;

/**
 * Writes audit events in the caller's transaction, so an event exists exactly when the change it
 * describes was committed; and announces each to live views ({@link LiveFeed}) in the same way.
 */
@ApplicationScoped
public class AuditLog {

    /** The actor of what the service does by itself. */
    public static final String SERVICE = "service";

    private final Clock clock;
    private final LiveFeed live;

    public AuditLog(Clock clock, LiveFeed live) {
        this.clock = clock;
        this.live = live;
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
        // every move the audit log records is one that live views show
        Map<String, Object> announced = new LinkedHashMap<>();
        announced.put("action", action);
        announced.put("actor", actor);
        announced.put("subject_type", subjectType);
        announced.put("subject_id", event.subjectId);
        live.announce(LiveEvent.AUDIT, announced);
        return event;
    }
}
