package dev.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.auth.JwtKeys;
import dev.parley.config.ParleyConfig;
import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * Issue 12, item 2 (in part): a socket used to stay authenticated after its token expired, for as long as it pinged.
 * Now it is closed with 4001 once its session ends, whether it was opened with the token or with a ticket issued for
 * it; the same user's socket with a fresh token stays.
 */
@QuarkusTest
public class SessionEndTest extends SocketTest {

    /** Long enough to connect on a slow machine before it ends. */
    private static final Duration SHORT_SESSION = Duration.ofSeconds(8);

    @Inject
    JwtKeys keys;
    @Inject
    ParleyConfig config;

    @Test
    void socketsAreClosedWith4001WhenTheirSessionEndsAndAFreshSessionsSocketStays() {
        User ann = Api.newUser("ann");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant ends = now.plus(SHORT_SESSION);
        String shortLived = Jwt.issuer(config.jwt().issuer()).subject(ann.id()).upn(ann.id()).groups(Set.of("user"))
                .issuedAt(now).expiresAt(ends).sign(keys.privateKey());
        String ticket = given().header("Authorization", "Bearer " + shortLived).post("/api/v1/ws-tickets").then()
                .statusCode(201).extract().path("ticket");
        ChatClient withToken = track(ChatClient.withToken(wsUri(), shortLived));
        ChatClient withTicket = track(ChatClient.withTicket(wsUri(), ticket));
        ChatClient fresh = connect(ann);
        withToken.barrier();
        withTicket.barrier();

        assertThat(withToken.awaitClosed()).isEqualTo(4001);
        assertThat(withTicket.awaitClosed()).isEqualTo(4001);
        assertThat(Instant.now()).as("not before the session's end").isAfterOrEqualTo(ends);
        fresh.barrier();
        assertThat(fresh.isOpen()).isTrue();
    }
}
