package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.RateLimitProbe;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class RateLimitTest extends SocketTest {

    @Test
    void aUserPastTheBudgetIsRefusedAcrossAllConnectionsAndNothingIsStored() throws Exception {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        List<ChatClient> connections = IntStream.range(0, 6).mapToObj(i -> connect(ann)).toList();

        RateLimitProbe.Outcome outcome = RateLimitProbe.fire(connections, channel, 50);

        RateLimitProbe.assertWithinDefaultBudget(outcome);
        assertThat(Api.wholeHistory(ann, channel)).hasSize((int) outcome.acked());
        assertThat(connections.get(0).isOpen()).isTrue();
    }
}
