package jp.lgwan.routerconfig.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeSet;

/**
 * Refused logins as problem+json, like every other refusal ({@link Problems}). A wrong password (or
 * a malformed {@code Authorization} header) fails in the HTTP layer before any resource runs, so it
 * is answered here, by a failure handler of the router: 401 with Quarkus' challenge kept, or 429 with
 * {@code Retry-After} while {@link PasswordLogin} holds the user or address back — for {@code /api} only: the console's
 * form login is answered by Quarkus' form mechanism (back to the login page). Refusals that
 * happen inside a resource (no login at all, a role that may not) are mapped in {@link Problems}.
 */
@ApplicationScoped
public class AuthProblems {

    static final String UNAUTHENTICATED = "this needs a login: HTTP Basic with a user of the service (or an OIDC bearer token where enabled)";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refused);
    }

    private void refused(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().ended() || context.response().headWritten() || !context.request().path().startsWith("/api/")) {
            // the console's pages (form login, its session) are answered by Quarkus' form mechanism: a failed login goes back to
            // the login page with its error, a page without a session to the login page
            context.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException failed) {
            Object retryAfter = failed.getAttribute(PasswordLogin.RETRY_AFTER);
            if (retryAfter != null) {
                context.response().headers().remove("WWW-Authenticate");
                context.response().putHeader("Retry-After", retryAfter.toString());
                end(context, 429, "too-many-logins", "Too many failed logins", "too many failed logins for this user or from this address;"
                        + " try again in " + retryAfter + " s", Map.of("retry_after_seconds", retryAfter));
            } else {
                end(context, 401, "unauthorized", "Login failed", "wrong user name or password", Map.of());
            }
        } else if (failure instanceof UnauthorizedException) {
            end(context, 401, "unauthorized", "Login needed", UNAUTHENTICATED, Map.of());
        } else if (failure instanceof ForbiddenException) {
            end(context, 403, "forbidden", "Not allowed", forbidden(context), Map.of());
        } else {
            context.next();
        }
    }

    private static void end(RoutingContext context, int status, String type, String title, String detail, Map<String, Object> extensions) {
        context.response().setStatusCode(status).putHeader("Content-Type", Problems.PROBLEM_JSON.toString())
                .end(Json.encode(Problems.body(status, type, title, detail, context.request().path(), extensions)));
    }

    /** Who was refused and what they are, in words. */
    static String forbidden(RoutingContext context) {
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            return "not allowed for this caller";
        }
        return "user '" + PasswordLogin.printable(identity.getPrincipal().getName()) + "' (role " + String.join(", ", new TreeSet<>(identity.getRoles()))
                + ") may not " + context.request().method() + " " + context.request().path();
    }
}
