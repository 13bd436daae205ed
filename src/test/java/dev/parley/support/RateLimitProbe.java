package dev.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fires sends from several connections of one user at once and checks the answers against the token bucket:
 * never more acks than burst + rate x elapsed time, and refusals once the burst is spent.
 */
public final class RateLimitProbe {

    public record Outcome(long acked, long limited, double seconds) {
    }

    private RateLimitProbe() {
    }

    public static Outcome fire(List<ChatClient> connections, String channelId, int sendsEach) throws Exception {
        long started = System.nanoTime();
        List<CompletableFuture<Void>> firing = new ArrayList<>();
        for (int c = 0; c < connections.size(); c++) {
            ChatClient client = connections.get(c);
            int connection = c;
            firing.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < sendsEach; i++) {
                    client.send(Map.of("type", "send", "channelId", channelId, "clientMsgId",
                            "rl-" + connection + "-" + i, "text", "x"));
                }
            }));
        }
        CompletableFuture.allOf(firing.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        long acked = 0;
        long limited = 0;
        for (ChatClient client : connections) {
            for (JsonNode answer : client.awaitCount(RateLimitProbe::isAnswer, sendsEach)) {
                if ("ack".equals(ChatClient.type(answer))) {
                    acked++;
                } else if ("rate_limited".equals(answer.path("code").asText())) {
                    limited++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(acked + limited).as("every send answered by an ack or rate_limited").isEqualTo((long) sendsEach * connections.size());
        return new Outcome(acked, limited, seconds);
    }

    /** The default budget: 50 at once, then 20 a second, for the user across all connections and instances. */
    public static void assertWithinDefaultBudget(Outcome outcome) {
        assertThat(outcome.acked()).isGreaterThanOrEqualTo(50);
        assertThat(outcome.acked()).as("acks after %.2f s", outcome.seconds())
                .isLessThanOrEqualTo(50 + (long) Math.ceil(20 * outcome.seconds()) + 1);
        assertThat(outcome.limited()).isPositive();
    }

    private static boolean isAnswer(JsonNode frame) {
        return "ack".equals(ChatClient.type(frame)) || "error".equals(ChatClient.type(frame));
    }
}
