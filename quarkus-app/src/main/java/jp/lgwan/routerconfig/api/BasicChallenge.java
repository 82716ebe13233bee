package jp.lgwan.routerconfig.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The API's 401 keeps its {@code WWW-Authenticate: Basic} challenge although the console's form login
 * is on: Quarkus then runs HTTP Basic "silently" (no challenge at all, so that a browser shows the
 * login page and not its own dialog), which would leave API clients such as curl without the
 * standard answer they retry on. The console's paths never get the header.
 */
@ApplicationScoped
public class BasicChallenge {

    /** Before authentication (a higher priority runs sooner): its 401 ends the request before any later filter. */
    static final int FIRST = 100_000;
    static final String CHALLENGE = "Basic realm=\"lgwan-router-config\", charset=\"UTF-8\"";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            if (context.request().path().startsWith("/api/")) {
                context.addHeadersEndHandler(v -> {
                    if (context.response().getStatusCode() == 401 && !context.response().headers().contains("WWW-Authenticate")) {
                        context.response().putHeader("WWW-Authenticate", CHALLENGE);
                    }
                });
            }
            context.next();
        }, FIRST);
    }
}
