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
    void countsUtf8BytesOfNamesAndStringsAndDigitsOfNumbers() {
        assertThat(DynamoItemSize.of(Map.of("t", AttributeValue.builder().s("한").build()))).isEqualTo(1 + 3);
        assertThat(DynamoItemSize.of(Map.of("t", AttributeValue.builder().s("\uD83D\uDE00").build()))).isEqualTo(1 + 4);
        assertThat(DynamoItemSize.of(Map.of("seq", AttributeValue.builder().n("12345").build()))).isEqualTo(3 + 3 + 1);
        assertThat(DynamoItemSize.of(Map.of("n", AttributeValue.builder().n("1000").build()))).isEqualTo(1 + 1 + 1);
    }
}
