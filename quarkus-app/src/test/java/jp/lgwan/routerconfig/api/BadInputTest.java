package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.NISEKO;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What the API says to a body it cannot take: 400 (or 422) as problem+json naming the field at
 * fault, never a stack trace, and nothing written.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class BadInputTest {

    private static final String NOTIFICATIONS = "/api/change-notifications";
    private static final String OUTAGES = "/api/outages";

    /** A filing with {@code %s} where a member may be replaced or added; the rest is valid. */
    private static String filing(String organization, String items, String effectiveDate, String extra) {
        return "{\"organization_code\": " + organization + ", \"items\": " + items + ", \"effective_date\": " + effectiveDate + extra + "}";
    }

    private static String validDate() {
        return "\"" + Api.effectiveDate() + "\"";
    }

    private static final String ITEMS = "[{\"kind\": \"OTHER\", \"description\": \"a change\"}]";

    private static Response fileRaw(String body) {
        return jsonAs(ENGINEER, body).post(NOTIFICATIONS);
    }

    /** The request body of each case, and the field the problem must name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field                    | colour           | COLOUR
            unknown field in an item         | items[0].colour  | ITEM_COLOUR
            effective_date a number          | effective_date   | DATE_NUMBER
            effective_date not a date        | effective_date   | DATE_INVALID
            effective_date a date and time   | effective_date   | DATE_TIME
            effective_date an array          | effective_date   | DATE_ARRAY
            items a string                   | items            | ITEMS_STRING
            items an object                  | items            | ITEMS_OBJECT
            items empty                      | items            | ITEMS_EMPTY
            items missing                    | items            | ITEMS_MISSING
            items null element               | items[0]         | ITEMS_NULL
            item kind missing                | items[0].kind    | KIND_MISSING
            item kind unknown                | items[0].kind    | KIND_UNKNOWN
            item kind a number               | items[0].kind    | KIND_NUMBER
            item description blank           | items[0].description | DESCRIPTION_BLANK
            item description a number        | items[0].description | DESCRIPTION_NUMBER
            organization_code a number       | organization_code | CODE_NUMBER
            organization_code malformed      | organization_code | CODE_MALFORMED
            effective_date missing           | effective_date   | DATE_MISSING
            emergency_reason not plain text  | emergency_reason | REASON_CONTROL
            """)
    void aFilingThatCannotBeTakenNamesTheField(String name, String field, String which) {
        String body = switch (which) {
            case "COLOUR" -> filing("\"" + NISEKO + "\"", ITEMS, validDate(), ", \"colour\": \"red\"");
            case "ITEM_COLOUR" -> filing("\"" + NISEKO + "\"", "[{\"kind\": \"OTHER\", \"description\": \"x\", \"colour\": \"red\"}]", validDate(), "");
            case "DATE_NUMBER" -> filing("\"" + NISEKO + "\"", ITEMS, "20", "");
            case "DATE_INVALID" -> filing("\"" + NISEKO + "\"", ITEMS, "\"2027-13-45\"", "");
            case "DATE_ARRAY" -> filing("\"" + NISEKO + "\"", ITEMS, "[" + Api.effectiveDate().getYear() + ", "
                    + Api.effectiveDate().getMonthValue() + ", " + Api.effectiveDate().getDayOfMonth() + "]", "");
            case "DATE_TIME" -> filing("\"" + NISEKO + "\"", ITEMS, "\"" + Api.effectiveDate() + "T10:00:00+09:00\"", "");
            case "ITEMS_STRING" -> filing("\"" + NISEKO + "\"", "\"x\"", validDate(), "");
            case "ITEMS_OBJECT" -> filing("\"" + NISEKO + "\"", "{\"kind\": \"OTHER\", \"description\": \"x\"}", validDate(), "");
            case "ITEMS_EMPTY" -> filing("\"" + NISEKO + "\"", "[]", validDate(), "");
            case "ITEMS_MISSING" -> "{\"organization_code\": \"" + NISEKO + "\", \"effective_date\": " + validDate() + "}";
            case "ITEMS_NULL" -> filing("\"" + NISEKO + "\"", "[null]", validDate(), "");
            case "KIND_MISSING" -> filing("\"" + NISEKO + "\"", "[{\"description\": \"x\"}]", validDate(), "");
            case "KIND_UNKNOWN" -> filing("\"" + NISEKO + "\"", "[{\"kind\": \"WHATEVER\", \"description\": \"x\"}]", validDate(), "");
            case "KIND_NUMBER" -> filing("\"" + NISEKO + "\"", "[{\"kind\": 1, \"description\": \"x\"}]", validDate(), "");
            case "DESCRIPTION_BLANK" -> filing("\"" + NISEKO + "\"", "[{\"kind\": \"OTHER\", \"description\": \" \"}]", validDate(), "");
            case "DESCRIPTION_NUMBER" -> filing("\"" + NISEKO + "\"", "[{\"kind\": \"OTHER\", \"description\": 5}]", validDate(), "");
            case "CODE_NUMBER" -> filing("13951", ITEMS, validDate(), "");
            case "CODE_MALFORMED" -> filing("\"01395\"", ITEMS, validDate(), "");
            case "DATE_MISSING" -> "{\"organization_code\": \"" + NISEKO + "\", \"items\": " + ITEMS + "}";
            case "REASON_CONTROL" -> filing("\"" + NISEKO + "\"", ITEMS, validDate(), ", \"emergency_reason\": \"line\\u0007bell\"");
            default -> throw new IllegalArgumentException(which);
        };
        long before = Api.total(NOTIFICATIONS);
        Api.assertProblem(fileRaw(body), 400, field);
        assertEquals(before, Api.total(NOTIFICATIONS), "a refused filing was written: " + body);
    }

    @Test
    void malformedJsonSaysWhere() {
        long before = Api.total(NOTIFICATIONS);
        // broken inside the items: where, and in which field
        Api.assertProblem(fileRaw("{\"organization_code\": \"" + NISEKO + "\",\n  \"items\": [}"), 400, "items")
                .then().body("type", endsWith("malformed-json")).body("detail", containsString("line 2, column 13"))
                .body("detail", not(containsString("REDACTED")));
        Api.assertProblem(fileRaw("{\"organization_code\": \"" + NISEKO + "\""), 400, null)
                .then().body("type", endsWith("malformed-json")).body("detail", containsString("line 1, column"));
        Api.assertProblem(fileRaw("not json"), 400, null).then().body("type", endsWith("malformed-json"))
                .body("detail", containsString("line 1, column"));
        Api.assertProblem(fileRaw("[]"), 400, null);
        Api.assertProblem(fileRaw(filing("\"" + NISEKO + "\"", ITEMS, validDate(), "") + " {}"), 400, null);
        Api.assertProblem(fileRaw(filing("\"" + NISEKO + "\"", ITEMS, validDate(), ", \"items\": []")), 400, null)
                .then().body("type", endsWith("malformed-json")).body("detail", containsString("items"));
        // no body at all: said so, with no empty field
        Response none = Api.assertProblem(fileRaw(""), 400, null);
        none.then().body("detail", equalTo("the request body: must not be null"));
        assertFalse(none.jsonPath().getMap("$").containsKey("field"), none.asString());
        Api.assertProblem(as(ENGINEER).contentType("text/plain").body(filing("\"" + NISEKO + "\"", ITEMS, validDate(), "")).post(NOTIFICATIONS),
                415, null);
        assertEquals(before, Api.total(NOTIFICATIONS));
    }

    @Test
    void anInvalidEnumListsTheAllowedValues() {
        OffsetDateTime[] window = Api.nextWindow();
        long before = Api.total(OUTAGES);
        Api.assertProblem(jsonAs(ENGINEER, outage("[\"" + NISEKO_ROUTER + "\"]", window[0], window[1], "\"WHATEVER\"")).post(OUTAGES), 400,
                "reason").then().body("detail", allOf(containsString("LINE_SPEED_CHANGE"), containsString("PRODUCT_CHANGE"),
                containsString("LEGAL_POWER_INSPECTION"), containsString("OTHER"), containsString("WHATEVER")));
        Api.assertProblem(fileRaw(filing("\"" + NISEKO + "\"", "[{\"kind\": \"WHATEVER\", \"description\": \"x\"}]", validDate(), "")), 400,
                "items[0].kind").then().body("detail", allOf(containsString("RESPONSIBLE_PERSON"), containsString("ROUTER_SETTINGS")));
        assertEquals(before, Api.total(OUTAGES));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            routers a string                 | routers       | ROUTERS_STRING
            routers empty                    | routers       | ROUTERS_EMPTY
            routers holding a number         | routers[0]    | ROUTERS_NUMBER
            window_start not a time          | window_start  | START_TEXT
            window_start without an offset   | window_start  | START_LOCAL
            window_start a number            | window_start  | START_NUMBER
            window_end a fraction            | window_end    | END_DECIMAL
            window_end an array              | window_end    | END_ARRAY
            window_end missing               | window_end    | END_MISSING
            reason missing                   | reason        | REASON_MISSING
            reason a number                  | reason        | REASON_NUMBER
            unknown field                    | colour        | COLOUR
            """)
    void anOutageRequestThatCannotBeTakenNamesTheField(String name, String field, String which) {
        OffsetDateTime[] window = Api.nextWindow();
        String routers = "[\"" + NISEKO_ROUTER + "\"]";
        String reason = "\"LINE_SPEED_CHANGE\"";
        String body = switch (which) {
            case "ROUTERS_STRING" -> outage("\"r1\"", window[0], window[1], reason);
            case "ROUTERS_EMPTY" -> outage("[]", window[0], window[1], reason);
            case "ROUTERS_NUMBER" -> outage("[1]", window[0], window[1], reason);
            case "START_TEXT" -> outage(routers, "\"tomorrow\"", "\"" + window[1] + "\"", reason);
            case "START_LOCAL" -> outage(routers, "\"" + window[0].toLocalDateTime() + "\"", "\"" + window[1] + "\"", reason);
            case "START_NUMBER" -> outage(routers, String.valueOf(window[0].toEpochSecond()), "\"" + window[1] + "\"", reason);
            case "END_DECIMAL" -> outage(routers, "\"" + window[0] + "\"", window[1].toEpochSecond() + ".5", reason);
            case "END_ARRAY" -> outage(routers, "\"" + window[0] + "\"", "[" + window[1].getYear() + ", 1, 1, 10, 0]", reason);
            case "END_MISSING" -> "{\"routers\": " + routers + ", \"window_start\": \"" + window[0] + "\", \"reason\": " + reason + "}";
            case "REASON_MISSING" -> "{\"routers\": " + routers + ", \"window_start\": \"" + window[0] + "\", \"window_end\": \"" + window[1] + "\"}";
            case "REASON_NUMBER" -> outage(routers, window[0], window[1], "1");
            case "COLOUR" -> outage(routers, window[0], window[1], reason).replaceFirst("}$", ", \"colour\": \"red\"}");
            default -> throw new IllegalArgumentException(which);
        };
        long before = Api.total(OUTAGES);
        Api.assertProblem(jsonAs(ENGINEER, body).post(OUTAGES), 400, field);
        assertEquals(before, Api.total(OUTAGES), "a refused request was written: " + body);
        // the same window, well formed, is free: the refusal held nothing
        jsonAs(ENGINEER, outage(routers, window[0], window[1], reason)).post(OUTAGES).then().statusCode(201);
    }

    @ParameterizedTest(name = "outage_id {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a string    | "OUTAGE"
            a fraction  | 1.5
            true        | true
            missing     |
            """)
    void schedulingNeedsAnIntegerOutageId(String name, String value) {
        long notification = Api.fileAccepted(NISEKO);
        long outage = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        String body = value == null ? "{}" : "{\"outage_id\": " + value.replace("OUTAGE", String.valueOf(outage)) + "}";
        long audited = Api.total("/api/audit");
        Api.assertProblem(jsonAs(OPERATOR, body).post(NOTIFICATIONS + "/" + notification + "/schedule"), 400, "outage_id");
        as(OPERATOR).get(NOTIFICATIONS + "/" + notification).then().body("state", equalTo("ACCEPTED"));
        assertEquals(audited, Api.total("/api/audit"));
    }

    @Test
    void aDecisionWithAWrongTypeIsRefused() {
        long notification = Api.file(ENGINEER, NISEKO);
        Api.assertProblem(jsonAs(OPERATOR, "{\"reason\": 5}").post(NOTIFICATIONS + "/" + notification + "/reject"), 400, "reason");
        Api.assertProblem(jsonAs(OPERATOR, "{\"reason\": \"x\", \"because\": 1}").post(NOTIFICATIONS + "/" + notification + "/accept"), 400,
                "because");
        as(OPERATOR).get(NOTIFICATIONS + "/" + notification).then().body("state", equalTo("RECEIVED"));
        Api.assertProblem(jsonAs(OPERATOR, "{\"reason\": [\"x\"]}").post(OUTAGES + "/" + Api.requestOutage(ENGINEER, NISEKO_ROUTER) + "/cancel"),
                400, "reason");
        Api.assertProblem(as(OPERATOR).get(NOTIFICATIONS + "/not-a-number"), 404, null);
    }

    private static String outage(String routers, OffsetDateTime start, OffsetDateTime end, String reason) {
        return outage(routers, "\"" + start + "\"", "\"" + end + "\"", reason);
    }

    private static String outage(String routers, String start, String end, String reason) {
        return "{\"routers\": " + routers + ", \"window_start\": " + start + ", \"window_end\": " + end + ", \"reason\": " + reason
                + ", \"description\": \"bad input test\"}";
    }
}
