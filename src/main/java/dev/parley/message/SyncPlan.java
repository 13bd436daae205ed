package dev.parley.message;

import java.util.List;
import java.util.Map;

/** What a sync answers: the cursors of the channels the user may read (in the order asked), and the others. */
public record SyncPlan(Map<String, Long> cursors, List<String> notMember) {
}
