package jp.lgwan.routerconfig.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * How large a request the API takes, refused as problem+json like every other refusal: a request
 * target over {@code lgwan.api.max-target-length} (414) and a body over {@code lgwan.api.max-body-size}
 * (413), whether it declares its length (refused here, before anything reads it or asks who sends
 * it) or comes in chunks (refused by {@link BodyLimit} as it is read). Quarkus's own limits answered
 * both with an empty body; they are set above these ({@code quarkus.http.limits.*} in
 * application.properties) so that these speak first. Beyond Quarkus's request-line limit the
 * HTTP decoder still answers an empty 414: Quarkus gives no hook there
 * (https://github.com/quarkusio/quarkus/issues/55082).
 */
@ApplicationScoped
public class RequestLimits {

    /** Before Quarkus's own body-size check (order -2, io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT). */
    private static final int ORDER = -3;

    private final long maxBody;
    private final int maxTarget;
    private final ObjectMapper json;

    public RequestLimits(ApiLimits limits, ObjectMapper json) {
        this.maxBody = limits.maxBodySize();
        this.maxTarget = limits.maxTargetLength();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String target = context.request().uri();
        if (target.length() > maxTarget) {
            // the target itself is not repeated back as the problem's instance
            refuse(context, 414, "uri-too-long", "Request target too long", "the request target (path and query) is " + target.length()
                    + " characters; the API takes at most " + maxTarget, null);
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(context, 400, "bad-request", "Bad request", "Content-Length is not a number: " + length, target);
                return;
            }
            if (declared > maxBody) {
                refuse(context, 413, "payload-too-large", "Request body too large", tooLarge("is " + declared + " bytes"), target);
                return;
            }
        }
        context.next();
    }

    long maxBody() {
        return maxBody;
    }

    String tooLarge(String what) {
        return "the request body " + what + "; the API takes at most " + maxBody;
    }

    /**
     * Answers and closes the connection: the rest of what the client sends is not read. Vert.x keeps
     * an HTTP/1.1 connection open, "Connection: close" or not, until the request's body has come
     * (measured: a client that declared 2 MiB and sent none waited for ever), so it is closed here.
     */
    private void refuse(RoutingContext context, int status, String type, String title, String detail, String instance) {
        String body;
        try {
            body = json.writeValueAsString(Problems.body(status, type, title, detail, instance, Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problems.PROBLEM_JSON.toString())
                .putHeader(HttpHeaders.CONNECTION, "close").end(body).onComplete(written -> {
                    if (context.request().version() != HttpVersion.HTTP_2) {
                        context.request().connection().close();
                    }
                });
    }

    /** A body that passed the limit as it was read: {@link Problems} answers 413. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A body read in chunks (no Content-Length): refused once it passes the limit. */
    @jakarta.ws.rs.ext.Provider
    public static class BodyLimit implements jakarta.ws.rs.ext.ReaderInterceptor {

        private final RequestLimits limits;

        public BodyLimit(RequestLimits limits) {
            this.limits = limits;
        }

        @Override
        public Object aroundReadFrom(jakarta.ws.rs.ext.ReaderInterceptorContext context) throws IOException {
            // read through the bean's methods: a field of an application-scoped bean, read through its client proxy, is the proxy's (0)
            context.setInputStream(new Bounded(context.getInputStream(), limits.maxBody(),
                    limits.tooLarge("is more than " + limits.maxBody() + " bytes (sent in chunks)")));
            return context.proceed();
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final String refusal;
        private long read;

        Bounded(InputStream in, long max, String refusal) {
            super(in);
            this.max = max;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new BodyTooLarge(refusal);
            }
        }
    }
}
