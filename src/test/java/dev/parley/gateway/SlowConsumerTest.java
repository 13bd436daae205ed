package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SilentSocket;
import dev.parley.support.SocketTest;
import dev.parley.support.Waits;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 11, item 5: a socket that never reads used to have its frames queued in the pod without bound, until the pod
 * ran out of memory with every socket on it. Now it is closed once its unread frames pass the bound
 * ({@code parley.messages.max-pending-chars}, 1,000,000 characters in tests), and nobody else notices.
 */
@QuarkusTest
public class SlowConsumerTest extends SocketTest {

    private static final String MAXIMUM = "x".repeat(100_000);

    @Inject
    MeterRegistry metrics;

    private double closedTooSlow() {
        return metrics.counter("parley.ws.closed.too_slow").count();
    }

    @Test
    void aSocketThatNeverReadsIsClosedWhileTheSameUsersOtherSocketGetsEverything() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient sender = connect(ann);
        ChatClient bobReading = connect(bob);
        double before = closedTooSlow();
        try (SilentSocket bobFrozen = new SilentSocket(wsUri(), bob.token())) {
            int acked = 0;
            while (closedTooSlow() == before) {
                // 200 maximum-size messages are 20 M characters: far past the bound and what the kernel buffers.
                assertThat(acked).as("the frozen socket is closed before 200 maximum-size messages").isLessThan(200);
                if (sendUntilAcked(sender, channel, "big-" + acked)) {
                    acked++;
                }
            }
            assertThat(bobFrozen.drainUntilClosedByServer(Duration.ofSeconds(30))).as("closed by the server").isTrue();

            int expected = acked;
            Waits.until(() -> bobReading.count(f -> "message".equals(ChatClient.type(f))) >= expected,
                    "every acked message on bob's reading socket");
            assertThat(bobReading.isOpen()).isTrue();
            assertThat(sender.isOpen()).isTrue();
        }
    }

    /** Waits out the send rate limit as a client would: a refused send is resent a moment later. */
    private static boolean sendUntilAcked(ChatClient sender, String channel, String clientMsgId) {
        JsonNode answer = sender.sendMessage(channel, clientMsgId, MAXIMUM);
        if ("ack".equals(ChatClient.type(answer))) {
            return true;
        }
        assertThat(answer.get("code").asText()).isEqualTo("rate_limited");
        try {
            Thread.sleep(200); // the budget refills at 20 a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
