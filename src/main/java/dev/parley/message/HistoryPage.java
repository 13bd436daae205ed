package dev.parley.message;

import java.util.List;

/** Messages in ascending seq order; hasMore says whether more lie beyond the page in the direction asked. */
public record HistoryPage(List<StoredMessage> messages, boolean hasMore) {

    /** From up to limit + 1 rows read in ascending order: the first limit of them, and whether there were more. */
    static HistoryPage fromAscending(List<StoredMessage> rows, int limit) {
        boolean hasMore = rows.size() > limit;
        return new HistoryPage(hasMore ? List.copyOf(rows.subList(0, limit)) : rows, hasMore);
    }

    /** From up to limit + 1 rows read newest first: the newest limit of them, in ascending order. */
    static HistoryPage fromDescending(List<StoredMessage> rows, int limit) {
        boolean hasMore = rows.size() > limit;
        List<StoredMessage> page = new java.util.ArrayList<>(hasMore ? rows.subList(0, limit) : rows);
        java.util.Collections.reverse(page);
        return new HistoryPage(page, hasMore);
    }

    /**
     * At most maxChars of message text, at least one message: an ascending page keeps its start (the messages right
     * after the cursor), a page read backwards its end (the ones right before it). Either way, hasMore says the rest
     * lies beyond.
     */
    HistoryPage capped(long maxChars, boolean keepStart) {
        long chars = 0;
        int kept = 0;
        int n = messages.size();
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(keepStart ? i : n - 1 - i);
            chars += m.text().length();
            if (kept > 0 && chars > maxChars) {
                break;
            }
            kept++;
        }
        if (kept == n) {
            return this;
        }
        return new HistoryPage(List.copyOf(keepStart ? messages.subList(0, kept) : messages.subList(n - kept, n)), true);
    }
}
