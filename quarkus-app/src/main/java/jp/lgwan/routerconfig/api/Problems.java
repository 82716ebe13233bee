package jp.lgwan.routerconfig.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jp.lgwan.routerconfig.change.ChangeRefused;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error as problem+json (RFC 9457): a type, a title, the status, a detail a person can act
 * on, the request path, and where it applies the field at fault. Never a stack trace.
 */
public class Problems {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    static final String TYPE_BASE = "https://lgwan-router-config.invalid/problems/";

    static Response problem(int status, String type, String title, String detail, UriInfo uri, Map<String, Object> extensions) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, type, title, detail, uri == null ? null : uri.getRequestUri().getRawPath(),
                extensions)).build();
    }

    /** The members of a problem, in the RFC's order; {@code instance} is the request's path (also for the answers given before JAX-RS sees a request, {@link RequestLimits}). */
    static Map<String, Object> body(int status, String type, String title, String detail, String instance, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }

    /**
     * A request with no login reaching an endpoint that needs one: 401 with the challenge of every login
     * mechanism in use (as Quarkus' own mapper sends it: {@code WWW-Authenticate: Basic realm=...}),
     * and a body that says so. Ranked before Quarkus' mapper of the same exception.
     */
    @ServerExceptionMapper(value = UnauthorizedException.class, priority = jakarta.ws.rs.Priorities.USER)
    public Uni<Response> unauthenticated(RoutingContext routing, UriInfo uri) {
        HttpAuthenticator authenticator = routing.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(routing);
        return challenge.onFailure().recoverWithNull().map(data -> {
            Response.ResponseBuilder response = Response.status(401).type(PROBLEM_JSON)
                    .entity(body(401, "unauthorized", "Login needed", AuthProblems.UNAUTHENTICATED, uri.getRequestUri().getRawPath(), Map.of()));
            if (data != null) {
                data.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            }
            return response.build();
        });
    }

    /** A logged-in user whose role may not do this: 403, naming the user and its roles (never what the endpoint would have shown). */
    @ServerExceptionMapper(value = ForbiddenException.class, priority = jakarta.ws.rs.Priorities.USER)
    public Response forbidden(RoutingContext routing, UriInfo uri) {
        return problem(403, "forbidden", "Not allowed", AuthProblems.forbidden(routing), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response refused(ChangeRefused e, UriInfo uri) {
        return problem(e.status(), e.type(), e.title(), e.getMessage(), uri, e.extensions());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        return problem(400, "unknown-field", "Unknown field", "unknown field '" + field + "'" + (known.isEmpty() ? ""
                : "; known fields here: " + String.join(", ", known)), uri, Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        String field = path(e);
        String expected = describe(e.getTargetType());
        return problem(400, "wrong-type", "Wrong value", "field '" + field + "' must be " + expected + ", got " + shown(e.getValue()),
                uri, Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String detail = field.isEmpty() ? "the body must be " + expected : "field '" + field + "' must be " + expected;
        return problem(400, "wrong-type", "Wrong type", detail, uri, field.isEmpty() ? Map.of() : Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response badJson(JsonParseException e, UriInfo uri) {
        return malformed(e, "", uri);
    }

    /** Malformed JSON, met where {@code field} was being read (empty: at the top). */
    private static Response malformed(JsonParseException e, String field, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        // Jackson's message repeats the location with a note that the source is not shown: keep line and column only
        String message = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
        return problem(400, "malformed-json", "Malformed JSON", "the body is not valid JSON" + where + ": " + message, uri,
                field.isEmpty() ? Map.of() : Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getOriginalMessage();
        return problem(400, "wrong-type", "Wrong value", (field.isEmpty() ? "" : "field '" + field + "': ") + cause, uri,
                field.isEmpty() ? Map.of() : Map.of("field", field));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return problem(400, "malformed-json", "Malformed JSON", e.getOriginalMessage(), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, Object>> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            Map<String, Object> v = new LinkedHashMap<>();
            String field = field(violation.getPropertyPath());
            // no field: the violation is the body's own (none sent where one is required)
            if (!field.isEmpty()) {
                v.put("field", field);
            }
            v.put("message", violation.getMessage());
            violations.add(v);
        }
        violations.sort((a, b) -> a.getOrDefault("field", "").toString().compareTo(b.getOrDefault("field", "").toString()));
        String detail = violations.stream().map(v -> v.getOrDefault("field", "the request body") + ": " + v.get("message"))
                .collect(Collectors.joining("; "));
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (!violations.isEmpty() && violations.get(0).containsKey("field")) {
            extensions.put("field", violations.get(0).get("field"));
        }
        extensions.put("violations", violations);
        return problem(400, "invalid-field", "Invalid field", detail, uri, extensions);
    }

    @ServerExceptionMapper
    public Response tooLarge(RequestLimits.BodyTooLarge e, UriInfo uri) {
        return problem(413, "payload-too-large", "Request body too large", e.getMessage(), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", "no resource at " + uri.getRequestUri().getRawPath(), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return problem(405, "method-not-allowed", "Method not allowed", "allowed: " + e.getResponse().getAllowedMethods(), uri, Map.of());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        return problem(415, "unsupported-media-type", "Unsupported media type", "send application/json", uri, Map.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST's JSON reader wraps what is not a MismatchedInputException (malformed JSON, a
        // duplicate key) in a bare 400: answer for the cause, with its line and column
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformed(parse, e.getCause() instanceof JsonMappingException mapping ? path(mapping) : "", uri);
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return otherJson(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(status, "http-" + status, title, e.getMessage(), uri, Map.of());
    }

    /** "items[0].kind" from Jackson's path of references. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The JSON field a violation concerns ("items[0].kind"), without the method and parameter nodes of its path. */
    static String field(jakarta.validation.Path propertyPath) {
        StringBuilder field = new StringBuilder();
        for (jakarta.validation.Path.Node node : propertyPath) {
            if (node.getKind() == jakarta.validation.ElementKind.METHOD || node.getKind() == jakarta.validation.ElementKind.PARAMETER
                    || node.getKind() == jakarta.validation.ElementKind.CROSS_PARAMETER) {
                continue;
            }
            // Bean Validation puts a list index on the node *after* the list: items[0].kind is "kind" with index 0
            if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(snake(node.getName()));
        }
        return field.toString();
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "String" -> "a string";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "Boolean", "boolean" -> "true or false";
            case "LocalDate" -> "a date (YYYY-MM-DD) in the years " + JsonSettings.FIRST_YEAR + " to " + JsonSettings.LAST_YEAR;
            case "OffsetDateTime", "Instant" -> "a date and time with offset (2026-12-20T22:00:00+09:00) in the years " + JsonSettings.FIRST_YEAR
                    + " to " + JsonSettings.LAST_YEAR;
            case "List", "Set", "ArrayList" -> "an array";
            default -> "an object (" + type.getSimpleName() + ")";
        };
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
