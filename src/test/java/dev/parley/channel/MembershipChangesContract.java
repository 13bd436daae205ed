package dev.parley.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What the configured {@link MembershipChanges} must do: a change it is told of is in force in this pod's copy of
 * the members at once. (ClusterIT checks the other pod's copy.) Run as a @QuarkusTest in each mode.
 */
public abstract class MembershipChangesContract {

    @Inject
    ChannelMembers members;
    @Inject
    MembershipChanges changes;
    @Inject
    MembershipRepository memberships;

    @Test
    void aChangeDropsThePodsCopySoTheNextReadSeesIt() {
        User ann = Api.newUser("mc");
        User bob = Api.newUser("mc");
        User eve = Api.newUser("mc");
        String channel = Api.group(ann, "Cached", bob);
        assertThat(members.of(channel)).containsExactlyInAnyOrder(ann.id(), bob.id());

        // Behind the copy's back (as another pod would): the copy does not see it ...
        QuarkusTransaction.requiringNew().run(() -> {
            Membership added = new Membership();
            added.channelId = channel;
            added.userId = eve.id();
            added.joinedAt = Instant.now();
            memberships.persist(added);
        });
        assertThat(members.isMember(channel, eve.id())).isFalse();

        // ... until the change is told.
        changes.changed(channel);
        assertThat(members.isMember(channel, eve.id())).isTrue();
        assertThat(members.of(channel)).containsExactlyInAnyOrder(ann.id(), bob.id(), eve.id());
    }
}
