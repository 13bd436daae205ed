package dev.parley.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.parley.message.DynamoChannelAppender.ChannelTail;
import dev.parley.message.DynamoResends.Earlier;

/**
 * Where each send of a batch goes, decided before anything is written: resends are answered with their originals;
 * new messages fill the holes below the head first (lowest first), then take the seqs after it, in batch order.
 * A send whose pointer names a hole goes back into that hole, where an earlier attempt meant to put it.
 */
record BlockPlan(List<Appended> answers, List<Placement> placements, ChannelTail tailAfter) {

    /** A new message and the slot it goes to. */
    record Placement(StoredMessage stored) {
    }

    static BlockPlan of(List<NewMessage> batch, ChannelTail tail, Map<String, Earlier> earlier) {
        TreeSet<Long> holes = new TreeSet<>(tail.holes());
        long last = tail.lastSeq();
        List<Appended> answers = new ArrayList<>(batch.size());
        List<Placement> placements = new ArrayList<>();
        Map<String, StoredMessage> inThisBatch = new HashMap<>();
        // Holes that a pointer names are kept for their own sends, whatever comes first in the batch.
        TreeSet<Long> named = new TreeSet<>();
        for (NewMessage m : batch) {
            Earlier before = earlier.get(DynamoResends.key(m));
            if (before != null && before.stored() == null && before.channelId().equals(m.channelId())
                    && holes.remove(before.seq())) {
                named.add(before.seq());
            }
        }
        for (NewMessage m : batch) {
            String key = DynamoResends.key(m);
            StoredMessage again = inThisBatch.get(key);
            Earlier before = earlier.get(key);
            if (again != null) {
                answers.add(new Appended(again, true));
                continue;
            }
            if (before != null && before.stored() != null) {
                answers.add(new Appended(before.stored(), true));
                inThisBatch.put(key, before.stored());
                continue;
            }
            Placement placement;
            if (before != null && before.channelId().equals(m.channelId()) && named.remove(before.seq())) {
                placement = new Placement(stored(m, before.seq()));
            } else {
                Long hole = holes.pollFirst();
                long seq = hole != null ? hole : ++last;
                placement = new Placement(stored(m, seq)); // a pointer naming another slot is stale: rewritten
            }
            placements.add(placement);
            answers.add(new Appended(placement.stored(), false));
            inThisBatch.put(key, placement.stored());
        }
        ChannelTail after = new ChannelTail(tail.epoch(), true, last, List.copyOf(holes));
        return new BlockPlan(answers, placements, after);
    }

    private static StoredMessage stored(NewMessage m, long seq) {
        return StoredMessage.of(m, seq);
    }
}
