package jp.lgwan.routerconfig.live;

import java.util.Map;

/**
 * One change as live views hear of it: a domain move (an audit event), a router's step, a router's
 * end. Small on purpose — what changed and where, not the whole record: a view that wants more
 * reads it from the API.
 *
 * @param sequence numbered by the instance that heard it, from 1 at its start
 * @param type {@code audit}, {@code step}, {@code router}, or {@code resync} (events may have been missed: read everything again)
 */
public record LiveEvent(long sequence, String type, Map<String, Object> data) {

    public static final String AUDIT = "audit";
    public static final String STEP = "step";
    public static final String ROUTER = "router";
    public static final String RESYNC = "resync";

    /** A number the event carries ({@code job_id}, {@code router_id}), or null. */
    public Long number(String name) {
        return data.get(name) instanceof Number number ? number.longValue() : null;
    }

    public String text(String name) {
        Object value = data.get(name);
        return value == null ? null : value.toString();
    }
}
