package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoItemSizeTest {

    @Test
    void theWorstCaseMessageFitsDynamoDbsItemLimit() {
        String fourByteCharacter = "\uD83D\uDE00";
        String worstClientId = fourByteCharacter.repeat(50); // 100 UTF-16 units, the longest clientMsgId: 200 bytes
        StoredMessage worst = new StoredMessage("00000000-0000-0000-0000-000000000000",
                "11111111-1111-1111-1111-111111111111", Long.MAX_VALUE, "22222222-2222-2222-2222-222222222222",
                worstClientId, fourByteCharacter.repeat(100_000), Instant.ofEpochMilli(Long.MAX_VALUE));
        int size = DynamoItemSize.of(DynamoItems.messageItem(worst));
        assertThat(size).isGreaterThan(400_000).isLessThanOrEqualTo(DynamoItemSize.MAX_ITEM_BYTES);
    }

    @Test
    void theWorstCaseMessageWithTenWorstCaseAttachmentsStillFits() {
        String fourByteCharacter = "\uD83D\uDE00";
        // 255 bytes of UTF-8 that JSON escapes to twice as many: the longest name an attachment may have, at its worst
        String worstName = "\"".repeat(255);
        java.util.List<dev.parley.media.Attachment> attachments = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new dev.parley.media.Attachment("33333333-3333-3333-3333-33333333333" + i, worstName,
                        "application/octet-stream", 26_214_400L, Integer.MAX_VALUE, Integer.MAX_VALUE, true))
                .toList();
        StoredMessage worst = new StoredMessage("00000000-0000-0000-0000-000000000000",
                "11111111-1111-1111-1111-111111111111", Long.MAX_VALUE, "22222222-2222-2222-2222-222222222222",
                fourByteCharacter.repeat(50), fourByteCharacter.repeat(100_000), Instant.ofEpochMilli(Long.MAX_VALUE),
                null, null, 0, java.util.List.of(), ReplyTo.seqOnly(Long.MAX_VALUE), attachments);
        assertThat(DynamoItemSize.of(DynamoItems.messageItem(worst))).isLessThanOrEqualTo(DynamoItemSize.MAX_ITEM_BYTES);
    }

    @Test
    void countsUtf8BytesOfNamesAndStringsAndDigitsOfNumbers() {
        assertThat(DynamoItemSize.of(Map.of("t", AttributeValue.builder().s("한").build()))).isEqualTo(1 + 3);
        assertThat(DynamoItemSize.of(Map.of("t", AttributeValue.builder().s("\uD83D\uDE00").build()))).isEqualTo(1 + 4);
        assertThat(DynamoItemSize.of(Map.of("seq", AttributeValue.builder().n("12345").build()))).isEqualTo(3 + 3 + 1);
        assertThat(DynamoItemSize.of(Map.of("n", AttributeValue.builder().n("1000").build()))).isEqualTo(1 + 1 + 1);
    }
}
