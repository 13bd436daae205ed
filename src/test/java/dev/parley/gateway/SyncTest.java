package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.message.MessageStore;
import dev.parley.message.NewMessage;
import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class SyncTest extends SocketTest {

    @Inject
    MessageStore store;

    @Test
    void anOfflineMemberCatchesUpWithItsCursors() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        String group = Api.group(ann, "Catch-up", bob);
        ChatClient a = connect(ann);
        ChatClient bobBefore = connect(bob);
        a.sendMessage(direct, "d1", "seen live");
        bobBefore.await(f -> "message".equals(ChatClient.type(f)) && f.path("seq").asLong() == 1);
        bobBefore.close(); // bob goes offline knowing direct up to seq 1 and nothing of the group

        a.sendMessage(direct, "d2", "missed 1");
        a.sendMessage(direct, "d3", "missed 2");
        a.sendMessage(group, "g1", "missed in group");

        ChatClient bobAfter = connect(bob);
        bobAfter.send(Map.of("type", "sync", "cursors", Map.of(direct, 1, group, 0)));
        JsonNode synced = bobAfter.awaitType("synced");
        assertThat(synced.get("truncated")).isEmpty();
        assertThat(synced.get("notMember")).isEmpty();
        List<JsonNode> missed = bobAfter.all(f -> "message".equals(ChatClient.type(f)));
        assertThat(missed).extracting(f -> f.get("channelId").asText() + "#" + f.get("seq").asLong() + " " + f.get("text").asText())
                .containsExactlyInAnyOrder(direct + "#2 missed 1", direct + "#3 missed 2", group + "#1 missed in group");
        assertThat(missed.stream().filter(f -> direct.equals(f.get("channelId").asText())).map(f -> f.get("seq").asLong()))
                .as("each channel in seq order").containsExactly(2L, 3L);
    }

    @Test
    void syncSendsAtMost500PerChannelAndSaysWhatWasTruncated() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User eve = Api.newUser("eve");
        String channel = Api.direct(ann, bob);
        String foreign = Api.direct(ann, eve);
        for (int i = 1; i <= 501; i++) {
            store.append(new NewMessage(UUID.randomUUID().toString(), channel, ann.id(), "bulk-" + i, "n" + i, Instant.now()));
        }
        ChatClient b = connect(bob);
        b.send(Map.of("type", "sync", "cursors", Map.of(channel, 0, foreign, 0)));
        JsonNode synced = b.awaitType("synced");
        List<JsonNode> messages = b.all(f -> "message".equals(ChatClient.type(f)));
        assertThat(messages).hasSize(500);
        assertThat(messages.get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(messages.get(499).get("seq").asLong()).isEqualTo(500);
        assertThat(synced.get("truncated")).extracting(JsonNode::asText).containsExactly(channel);
        assertThat(synced.get("notMember")).extracting(JsonNode::asText).containsExactly(foreign);

        assertThat(Api.history(bob, channel, "?afterSeq=500").getList("messages.seq", Long.class)).containsExactly(501L);
    }
}
