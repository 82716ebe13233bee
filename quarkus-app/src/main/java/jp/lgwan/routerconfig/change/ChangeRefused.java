package jp.lgwan.routerconfig.change;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the domain's rules refuse: what the API answers as problem+json. Carries an HTTP-like
 * status because the rules know whether the thing is missing (404), clashes with the state of
 * another (409) or is wrong in itself (422); the API only translates.
 */
public final class ChangeRefused extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    private ChangeRefused(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions;
    }

    /** The request itself is malformed (a query parameter that is no integer, out of range): 400. */
    public static ChangeRefused badRequest(String type, String title, String detail) {
        return new ChangeRefused(400, type, title, detail, new LinkedHashMap<>());
    }

    public static ChangeRefused notFound(String what) {
        return new ChangeRefused(404, "not-found", "Not found", what, new LinkedHashMap<>());
    }

    public static ChangeRefused conflict(String type, String title, String detail) {
        return new ChangeRefused(409, type, title, detail, new LinkedHashMap<>());
    }

    public static ChangeRefused unprocessable(String type, String title, String detail) {
        return new ChangeRefused(422, type, title, detail, new LinkedHashMap<>());
    }

    public static ChangeRefused forbidden(String type, String title, String detail) {
        return new ChangeRefused(403, type, title, detail, new LinkedHashMap<>());
    }

    /** The same refusal, anew: one kept to be thrown again (a cached refusal) gives each caller its own. */
    public ChangeRefused copy() {
        return new ChangeRefused(status, type, title, getMessage(), new LinkedHashMap<>(extensions));
    }

    /** Adds a machine-readable member to the problem (RFC 9457 extension). */
    public ChangeRefused with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
