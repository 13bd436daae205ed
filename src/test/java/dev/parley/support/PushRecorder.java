package dev.parley.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.parley.push.PushDispatched;
import dev.parley.push.PushRoundCompleted;

/** Records what the running server pushed (its real notifier still runs), for push tests to wait on. */
@ApplicationScoped
public class PushRecorder {

    private final List<PushDispatched> pushes = new CopyOnWriteArrayList<>();
    private final List<PushRoundCompleted> rounds = new CopyOnWriteArrayList<>();

    void onPush(@Observes PushDispatched push) {
        pushes.add(push);
    }

    void onRound(@Observes PushRoundCompleted round) {
        rounds.add(round);
    }

    /** Waits until the server finished deciding the pushes of this message, then returns those to this user. */
    public List<PushDispatched> pushesAfterRound(String messageId, String userId) {
        Waits.until(() -> rounds.stream().anyMatch(r -> r.messageId().equals(messageId)), "the push round of " + messageId);
        return pushes.stream().filter(p -> p.userId().equals(userId) && p.message().seq() >= 0
                && p.messageId().equals(messageId)).toList();
    }
}
