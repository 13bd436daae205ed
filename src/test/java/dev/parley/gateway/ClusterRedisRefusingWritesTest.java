package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.cluster.PodIdentity;
import dev.parley.delivery.LocalConnections;
import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.ClusterProfile;
import dev.parley.support.ClusterServers;
import dev.parley.support.SocketTest;
import dev.parley.support.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Redis up but refusing every write (a real Redis told it needs a replica it does not have: each write answers
 * NOREPLICAS), as when it fails over or runs out of memory. A socket that closes meanwhile is forgotten by the pod at
 * once, and its registry entry is removed once Redis takes writes again; a socket that opens meanwhile is closed
 * with 1011 rather than left open where no delivery can find it, and its client gets in once Redis is back.
 */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterRedisRefusingWritesTest extends SocketTest {

    @Inject
    LocalConnections connections;
    @Inject
    PodIdentity pod;

    @AfterEach
    void takeWritesAgain() {
        refuseWrites(false);
    }

    @Test
    void socketsClosingOrOpeningWhileRedisRefusesWritesLeaveNoStaleEntryAndNoUnreachableSocket() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        ChatClient annSocket = connect(ann);
        annSocket.barrier(); // answered after @OnOpen: the socket is registered
        assertThat(holders(ann)).contains(pod.incarnation());

        refuseWrites(true);
        annSocket.close();
        Waits.until(() -> !connections.isConnected(ann.id()),
                "the pod to forget ann's closed socket although the registry could not be told");
        assertThat(holders(ann)).as("Redis still lists ann here: it refused the removal").contains(pod.incarnation());

        ChatClient bobSocket = track(ChatClient.withToken(wsUri(), bob.token()));
        assertThat(bobSocket.awaitClosed()).as("a socket that could not be registered").isEqualTo(ChatSocket.SERVER_ERROR);
        assertThat(connections.isConnected(bob.id())).isFalse();

        refuseWrites(false);
        Waits.until(() -> !holders(ann).contains(pod.incarnation()),
                "ann's registry entry to be removed once Redis takes writes");
        ChatClient bobAgain = connect(bob);
        bobAgain.barrier();
        assertThat(bobAgain.isOpen()).isTrue();
        assertThat(holders(bob)).contains(pod.incarnation());
    }

    private static Set<String> holders(User user) {
        Set<String> holders = new HashSet<>();
        ClusterServers.redis().send(Request.cmd(Command.SMEMBERS).arg("parley:sessions:" + user.id())).await().indefinitely()
                .forEach(holder -> holders.add(holder.toString()));
        return holders;
    }

    private static void refuseWrites(boolean refuse) {
        ClusterServers.redis().send(Request.cmd(Command.CONFIG).arg("SET").arg("min-replicas-to-write").arg(refuse ? "1" : "0"))
                .await().indefinitely();
    }
}
