package dev.parley.message;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sends this pod has handed on and not yet answered, by (sender, channel, clientMsgId). A resend that arrives
 * while its first copy is still on the way (a client resending on a timer, or after a reconnect to the same pod)
 * joins that copy's answer instead of going through the budget, the bus and the store again: without this, every
 * resend of a slow send is another request for the sequencer, another lookup, and, once the first is stored, another
 * fan-out of the whole message to every member. Bounded by the sends in flight (max-sends-in-flight per connection):
 * an entry leaves when its answer comes.
 */
final class SendsInFlight {

    record Key(String senderId, String channelId, String clientMsgId) {
    }

    private final Map<Key, CompletableFuture<StoredMessage>> answers = new ConcurrentHashMap<>();

    /** The answer of the copy in flight under this key, or of a new one started now. */
    CompletableFuture<StoredMessage> join(Key key, Supplier<CompletableFuture<StoredMessage>> start) {
        CompletableFuture<StoredMessage> mine = new CompletableFuture<>();
        CompletableFuture<StoredMessage> earlier = answers.putIfAbsent(key, mine);
        if (earlier != null) {
            return earlier.copy(); // a copy: nobody downstream can complete the shared answer
        }
        CompletableFuture<StoredMessage> started;
        try {
            started = start.get();
        } catch (RuntimeException refused) {
            answers.remove(key, mine);
            mine.completeExceptionally(refused);
            throw refused;
        }
        started.whenComplete((stored, failure) -> {
            answers.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(stored);
            }
        });
        return mine.copy();
    }

    int size() {
        return answers.size();
    }
}
