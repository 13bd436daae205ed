package dev.parley.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12, item 8 (in part): the web client's page had no Content-Security-Policy, frame-ancestors, nosniff or
 * referrer policy. Its pages now carry them; the API gets nosniff and the referrer policy (its JSON is never a
 * page). Health, metrics, OpenAPI and Swagger UI were on the public port: they are on the management interface now,
 * where Swagger UI keeps working without the page CSP (it needs inline scripts).
 */
@QuarkusTest
public class WebClientHeadersTest {

    @Test
    void theWebClientsPageForbidsInlineScriptFramingAndSniffing() {
        for (String page : new String[] { "/", "/index.html" }) {
            given().get(page).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
    }

    /** The management interface's root path, /q/ (the tests below ask for whole paths). */
    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    private String management() {
        return java.net.URI.create(managementRoot.toString()).resolve("/").toString();
    }

    @Test
    void theApiIsNotSniffedAndTheDocumentationPageStillLoads() {
        given().contentType("application/json").body("{}").post("/api/v1/sessions").then()
                .header("X-Content-Type-Options", equalTo("nosniff")).header("Content-Security-Policy", nullValue());
        given().baseUri(management()).get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void operationsEndpointsAreOnTheManagementInterfaceOnly() {
        for (String path : new String[] { "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/" }) {
            given().get(path).then().statusCode(404);
            given().baseUri(management()).get(path).then().statusCode(200);
        }
    }
}
