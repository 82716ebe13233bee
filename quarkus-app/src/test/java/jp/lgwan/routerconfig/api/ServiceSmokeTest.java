package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ServiceSmokeTest {

    @Test
    void servesTheInventory() {
        given().auth().preemptive().basic("viewer", Api.password("viewer")).when().get("/api/inventory").then().log().ifValidationFails()
                .statusCode(200).body("routers", greaterThan(10)).body("in_git", equalTo(true));
    }
}
