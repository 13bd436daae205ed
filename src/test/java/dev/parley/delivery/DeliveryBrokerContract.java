package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;

/** What the configured {@link DeliveryBroker} must do, over real sockets; run as a @QuarkusTest in each mode. */
public abstract class DeliveryBrokerContract extends SocketTest {

    @Inject
    DeliveryBroker broker;

    public record TestFrame(String type, int n) {
    }

    @Test
    void reachesEveryConnectionOfTheGivenUsersOnlyAndInOrder() {
        User ann = Api.newUser("dlv");
        User bob = Api.newUser("dlv");
        User eve = Api.newUser("dlv");
        ChatClient annPhone = connect(ann);
        ChatClient annLaptop = connect(ann);
        ChatClient bobClient = connect(bob);
        ChatClient eveClient = connect(eve);
        User offline = Api.newUser("dlv");

        List<String> to = List.of(ann.id(), bob.id(), offline.id());
        IntStream.range(0, 20).forEach(n -> broker.deliver(to, new TestFrame("test", n)));
        // A channel's batch: several frames handed over at once keep their order, and follow the ones before.
        for (int first = 20; first < 50; first += 10) {
            broker.deliverAll(to, IntStream.range(first, first + 10).mapToObj(n -> new TestFrame("test", n)).toList());
        }
        // The message path's way: without waiting on the registry, each batch handed over once the last one was.
        // It names the users it reached (push leaves them out): the connected ones, not the offline one.
        for (int first = 50; first < 80; first += 10) {
            assertThat(broker.deliverAllAsync(to,
                    IntStream.range(first, first + 10).mapToObj(n -> new TestFrame("test", n)).toList()).join())
                    .containsExactlyInAnyOrder(ann.id(), bob.id());
        }

        for (ChatClient client : List.of(annPhone, annLaptop, bobClient)) {
            List<JsonNode> frames = client.awaitCount(f -> "test".equals(ChatClient.type(f)), 80);
            assertThat(frames).extracting(f -> f.get("n").asInt()).containsExactlyElementsOf(IntStream.range(0, 80).boxed().toList());
        }
        eveClient.barrier();
        assertThat(eveClient.count(f -> "test".equals(ChatClient.type(f)))).isZero();
    }
}
