package dev.parley.message;

import java.util.List;

/** Messages in ascending seq order; hasMore says whether more lie beyond the page in the direction asked. */
public record HistoryPage(List<StoredMessage> messages, boolean hasMore) {
}
