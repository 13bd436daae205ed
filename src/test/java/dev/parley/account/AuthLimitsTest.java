package dev.parley.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 12, item 1: log-in and sign-up used to have no limit (unlimited password guesses; ~30 bcrypt requests a
 * second saturate a pod). Each request here says where it comes from in X-Forwarded-For, as the load balancer
 * would (one trusted hop in tests); budgets: 5 per address, 10 per username (LimitsProfile).
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
public class AuthLimitsTest {

    /** A fresh client address, so each request spends budgets of its own unless a test reuses it. */
    private static String newAddress() {
        int n = ThreadLocalRandom.current().nextInt(1 << 24);
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static ValidatableResponse signUp(String username, String from) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("username", username, "password", "the right one")).post("/api/v1/accounts").then();
    }

    private static ValidatableResponse logIn(String username, String password, String from) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("username", username, "password", password)).post("/api/v1/sessions").then();
    }

    private static void assertRateLimited(ValidatableResponse response) {
        response.statusCode(429).contentType("application/problem+json").body("code", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void aPasswordGuesserIsStoppedAtTheUsernamesBudgetFromWhicheverAddressItTries() {
        String victim = "victim_" + System.nanoTime();
        signUp(victim, newAddress()).statusCode(201);
        for (int guess = 0; guess < 10; guess++) {
            logIn(victim, "guess " + guess, newAddress()).statusCode(401);
        }
        assertRateLimited(logIn(victim, "guess 10", newAddress()));
        assertRateLimited(logIn(victim, "the right one", newAddress()));

        String bob = "bob_" + System.nanoTime();
        signUp(bob, newAddress()).statusCode(201);
        logIn(bob, "the right one", newAddress()).statusCode(200).body("token", notNullValue());
    }

    @Test
    void oneAddressIsStoppedAfterItsLogInBudgetAndOthersAreNot() {
        String ann = "ann_" + System.nanoTime();
        signUp(ann, newAddress()).statusCode(201);
        String attacker = newAddress();
        for (int attempt = 0; attempt < 5; attempt++) {
            logIn("nobody_" + System.nanoTime(), "whatever", attacker).statusCode(401);
        }
        assertRateLimited(logIn(ann, "the right one", attacker));
        logIn(ann, "the right one", newAddress()).statusCode(200);
    }

    @Test
    void signUpsFromOneAddressAreLimitedAndOthersAreNot() {
        String from = newAddress();
        for (int i = 0; i < 5; i++) {
            signUp("spam" + i + "_" + System.nanoTime(), from).statusCode(201);
        }
        assertRateLimited(signUp("spam_" + System.nanoTime(), from));
        signUp("ordinary_" + System.nanoTime(), newAddress()).statusCode(201);
    }
}
