package jp.lgwan.routerconfig.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The refusals of the API in its OpenAPI document ({@code /q/openapi}), in one place instead of on
 * every method: each operation lists the problem responses ({@link Problems}, RFC 9457
 * {@code application/problem+json}) it can answer, each with the problem types it uses. Every
 * operation may meet 401 and 403; one with a path parameter 404; one that takes parameters or a
 * body 400 (and a body 413, 415); every POST 409 and 422, the domain's refusals. Summaries,
 * descriptions, 201/202 answers and examples are on the resources' methods themselves
 * ({@code OpenApiDocumentTest} holds every operation to that).
 */
public class OpenApiDocument implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    /** A problem response: its status, what it means, the problem types ({@code type} after {@link Problems#TYPE_BASE}) it carries. */
    private record Refusal(String status, String title, String description, List<String> types) {
    }

    private static final Refusal BAD_REQUEST = new Refusal("400", "Bad request", "The request cannot be read, or a field or parameter is wrong; "
            + "`field` names it.", List.of("malformed-json", "unknown-field", "wrong-type", "invalid-field", "missing-field", "invalid-parameter",
            "invalid-filter", "invalid-page"));
    private static final Refusal UNAUTHORIZED = new Refusal("401", "Login needed", "No or wrong credentials (HTTP Basic, or an OIDC bearer "
            + "token); the answer carries the WWW-Authenticate challenge.", List.of("unauthorized"));
    private static final Refusal FORBIDDEN = new Refusal("403", "Not allowed", "The caller's role may not do this, or what it names lies "
            + "outside the caller's scope (an organization, a prefecture).", List.of("forbidden", "not-your-request",
            "revision-not-allowed", "global-address-forbidden", "emergency-override-forbidden", "scope-does-not-fit-roles", "invalid-scope-claim"));
    private static final Refusal NOT_FOUND = new Refusal("404", "Not found", "Nothing of that id or name.", List.of("not-found"));
    private static final Refusal TOO_LARGE = new Refusal("413", "Request body too large", "The body exceeds the service's limit.",
            List.of("payload-too-large"));
    private static final Refusal UNSUPPORTED = new Refusal("415", "Unsupported media type", "Send application/json.",
            List.of("unsupported-media-type"));
    private static final Refusal CONFLICT = new Refusal("409", "Conflict with the current state", "What is asked does not fit the state "
            + "of what it names (a notification already decided, a window not approved, a job not running ...); nothing changed.",
            List.of("illegal-transition", "notification-decided", "not-accepted", "window-not-approved", "window-not-open-for-scheduling",
                    "window-overlap", "window-in-past", "window-blocks-pushes", "outside-window", "nothing-scheduled", "no-job", "job-not-running",
                    "already-acknowledged", "application-open", "inventory-head-invalid"));
    private static final Refusal UNPROCESSABLE = new Refusal("422", "Refused by a rule of the domain", "Well-formed, but a rule refuses "
            + "it (the notice period, a window in the past or too short, an unknown router or revision, an inventory that does not "
            + "render ...); `detail` says which and how to fix it, nothing changed.", List.of("notice-period", "window-in-past",
            "window-too-short", "window-inverted", "window-before-effective-date", "window-does-not-cover", "outage-not-approved",
            "unknown-outage", "unknown-router", "unknown-organization", "unknown-revision", "revision-too-large", "invalid-inventory",
            "render-failed", "render-over-budget", "items-do-not-match-revision", "line-switch-records-missing",
            "line-switch-record-not-needed", "equipment-end-of-support", "reason-required", "missing-field", "invalid-field",
            "invalid-filter", "organization-out-of-scope", "router-out-of-scope", "force-twice", "force-not-in-window", "secret-unavailable",
            "not-an-association", "not-an-asp-provider", "already-connected"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema(PROBLEM, problemSchema());
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
            for (Refusal refusal : refusalsOf(path, method, operation)) {
                // SmallRye documents 401 and 403 of a @RolesAllowed method itself, without a body: ours say what the body is
                APIResponse documented = responses.getAPIResponse(refusal.status());
                if (documented == null || documented.getContent() == null
                        || documented.getContent().getMediaType(Problems.PROBLEM_JSON.toString()) == null) {
                    responses.addAPIResponse(refusal.status(), response(refusal));
                }
            }
            operation.setResponses(responses);
        }));
    }

    private static List<Refusal> refusalsOf(String path, PathItem.HttpMethod method, Operation operation) {
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean body = operation.getRequestBody() != null;
        List<Refusal> refusals = new java.util.ArrayList<>();
        if (parameters || body) {
            refusals.add(BAD_REQUEST);
        }
        refusals.add(UNAUTHORIZED);
        refusals.add(FORBIDDEN);
        if (path.contains("{")) {
            refusals.add(NOT_FOUND);
        }
        if (method == PathItem.HttpMethod.POST) {
            refusals.add(CONFLICT);
            if (body) {
                refusals.add(TOO_LARGE);
                refusals.add(UNSUPPORTED);
            }
            refusals.add(UNPROCESSABLE);
        }
        return refusals;
    }

    private static APIResponse response(Refusal refusal) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.TYPE_BASE + refusal.types().get(0));
        example.put("title", refusal.title());
        example.put("status", Integer.parseInt(refusal.status()));
        example.put("detail", "what went wrong and what to do, in a sentence");
        example.put("instance", "/api/...");
        return OASFactory.createAPIResponse()
                .description(refusal.description() + " Problem types: " + String.join(", ", refusal.types()) + ".")
                .content(OASFactory.createContent().addMediaType(Problems.PROBLEM_JSON.toString(), OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF)).example(example)));
    }

    /** The members {@link Problems#body} writes. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A refusal as RFC 9457 problem details (application/problem+json): never a stack trace. `type` is "
                        + Problems.TYPE_BASE + " followed by the problem's name (listed on each response).")
                .addProperty("type", text("The problem type's URI: " + Problems.TYPE_BASE + "NAME"))
                .addProperty("title", text("The problem type in a few words"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail", text("What went wrong, in a sentence a person can act on"))
                .addProperty("instance", text("The request's path"))
                .addProperty("field", text("The request field or parameter at fault, where one is"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text("One finding"))
                        .description("Every finding, where there are several (an inventory that does not render, several invalid fields)"))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
