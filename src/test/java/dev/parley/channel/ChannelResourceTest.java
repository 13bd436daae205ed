package dev.parley.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class ChannelResourceTest {

    @Test
    void aPairHasExactlyOneDirectChannel() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String id = ann.as().body(Map.of("type", "direct", "memberIds", List.of(bob.id())))
                .post("/api/v1/channels").then().statusCode(201)
                .body("type", equalTo("direct")).body("memberIds", containsInAnyOrder(ann.id(), bob.id()))
                .body("lastSeq", equalTo(0)).body("readSeq", equalTo(0))
                .extract().path("id");
        ann.as().body(Map.of("type", "direct", "memberIds", List.of(bob.id())))
                .post("/api/v1/channels").then().statusCode(200).body("id", equalTo(id));
        bob.as().body(Map.of("type", "direct", "memberIds", List.of(ann.id())))
                .post("/api/v1/channels").then().statusCode(200).body("id", equalTo(id));
        bob.as().get("/api/v1/channels").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void bothSidesOpeningTheirDirectChatAtOnceGetOneChannel() throws Exception {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        int racers = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                User caller = i % 2 == 0 ? ann : bob;
                User other = i % 2 == 0 ? bob : ann;
                answers.add(pool.submit(() -> {
                    start.await();
                    return caller.as().body(Map.of("type", "direct", "memberIds", List.of(other.id())))
                            .post("/api/v1/channels");
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : answers) {
                io.restassured.response.Response response = answer.get(1, java.util.concurrent.TimeUnit.MINUTES);
                statuses.add(response.statusCode());
                ids.add(response.path("id"));
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Issue 12, item 5. */
    @Test
    void aGroupNameWithControlOrInvisibleCharactersIsABadRequest() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        for (String name : List.of("team\u0000", "\u202Eteam", "te\uFEFFam")) {
            ann.as().body(Map.of("type", "group", "name", name, "memberIds", List.of(bob.id())))
                    .post("/api/v1/channels").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("name"));
        }
        ann.as().body(Map.of("type", "group", "name", "Équipe 東京", "memberIds", List.of(bob.id())))
                .post("/api/v1/channels").then().statusCode(201).body("name", equalTo("Équipe 東京"));
    }

    @Test
    void directChannelNeedsExactlyOneOtherExistingUser() {
        User ann = Api.newUser("ann");
        ann.as().body(Map.of("type", "direct", "memberIds", List.of(ann.id())))
                .post("/api/v1/channels").then().statusCode(422).body("code", equalTo("invalid_members"));
        ann.as().body(Map.of("type", "direct", "memberIds", List.of("no-such-user")))
                .post("/api/v1/channels").then().statusCode(422).body("code", equalTo("unknown_user"));
        ann.as().body(Map.of("type", "triangle", "memberIds", List.of()))
                .post("/api/v1/channels").then().statusCode(400);
    }

    @Test
    void groupCreatorIsOwnerAndMember() {
        User owner = Api.newUser("own");
        User member = Api.newUser("mem");
        owner.as().body(Map.of("type", "group", "name", "Book club", "memberIds", List.of(member.id())))
                .post("/api/v1/channels").then().statusCode(201)
                .body("type", equalTo("group")).body("name", equalTo("Book club"))
                .body("ownerId", equalTo(owner.id()))
                .body("memberIds", containsInAnyOrder(owner.id(), member.id()));
    }

    @Test
    void aChannelHasAtMostOneHundredMembers() {
        User owner = Api.newUser("big");
        List<User> others = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> others.add(Api.newUser("m" + i)));
        List<String> hundredOthers = others.stream().map(User::id).toList();

        // The creator and 100 others make 101.
        owner.as().body(Map.of("type", "group", "name", "Too big", "memberIds", hundredOthers))
                .post("/api/v1/channels").then().statusCode(422).body("code", equalTo("too_many_members"));

        String id = owner.as().body(Map.of("type", "group", "name", "Full", "memberIds", hundredOthers.subList(0, 99)))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        owner.as().get("/api/v1/channels/" + id).then().body("memberIds.size()", equalTo(100));
        owner.as().body(Map.of("userId", others.get(99).id()))
                .post("/api/v1/channels/" + id + "/members").then().statusCode(422).body("code", equalTo("too_many_members"));
    }

    @Test
    void membersAddLeaveAndOnlyTheOwnerRemovesOthers() {
        User owner = Api.newUser("own");
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User cat = Api.newUser("cat");
        String id = Api.group(owner, "Team", ann);

        ann.as().body(Map.of("userId", bob.id())).post("/api/v1/channels/" + id + "/members")
                .then().statusCode(200).body("memberIds", containsInAnyOrder(owner.id(), ann.id(), bob.id()));
        cat.as().body(Map.of("userId", cat.id())).post("/api/v1/channels/" + id + "/members")
                .then().statusCode(403);
        ann.as().delete("/api/v1/channels/" + id + "/members/" + bob.id()).then().statusCode(403)
                .body("code", equalTo("not_owner"));
        owner.as().delete("/api/v1/channels/" + id + "/members/" + bob.id()).then().statusCode(204);
        ann.as().delete("/api/v1/channels/" + id + "/members/" + ann.id()).then().statusCode(204);
        owner.as().get("/api/v1/channels/" + id).then().body("memberIds", containsInAnyOrder(owner.id()));
        ann.as().get("/api/v1/channels").then().body("id", not(hasItem(id)));
        ann.as().get("/api/v1/channels/" + id).then().statusCode(403);
    }

    @Test
    void anOwnerWhoLeavesHandsTheGroupOn() {
        User owner = Api.newUser("own");
        User ann = Api.newUser("ann");
        String id = Api.group(owner, "Handover", ann);
        owner.as().delete("/api/v1/channels/" + id + "/members/" + owner.id()).then().statusCode(204);
        ann.as().get("/api/v1/channels/" + id).then().statusCode(200).body("ownerId", equalTo(ann.id()));
    }

    @Test
    void directChannelMembersCannotChange() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User cat = Api.newUser("cat");
        String id = Api.direct(ann, bob);
        ann.as().body(Map.of("userId", cat.id())).post("/api/v1/channels/" + id + "/members")
                .then().statusCode(422).body("code", equalTo("direct_channel"));
    }

    @Test
    void historyIsForMembersOnly() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User eve = Api.newUser("eve");
        String id = Api.direct(ann, bob);
        eve.as().get("/api/v1/channels/" + id + "/messages").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("not_member"));
        eve.as().get("/api/v1/channels/no-such-channel/messages").then().statusCode(404);
        given().get("/api/v1/channels/" + id + "/messages").then().statusCode(401);
        assertThat(Api.history(ann, id, "").getList("messages")).isEmpty();
        ann.as().get("/api/v1/channels/" + id + "/messages?limit=201").then().statusCode(400);
        ann.as().get("/api/v1/channels/" + id + "/messages?afterSeq=1&beforeSeq=3").then().statusCode(400);
    }
}
