package dev.parley.message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit: per attribute, the UTF-8 bytes of its name plus its
 * value (strings: UTF-8 bytes; numbers: one byte per two significant digits, plus one). Computed here because
 * local test servers count differently (dynalite counts UTF-16 units) and would accept what AWS rejects.
 */
final class DynamoItemSize {

    static final int MAX_ITEM_BYTES = 400 * 1024;

    private DynamoItemSize() {
    }

    static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static int valueSize(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            String digits = new BigDecimal(value.n()).stripTrailingZeros().unscaledValue().abs().toString();
            return (digits.length() + 1) / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToInt(DynamoItemSize::utf8).sum();
        }
        if (value.bool() != null || value.nul() != null) {
            return 1;
        }
        throw new IllegalArgumentException("Parley stores only strings, string sets, numbers, binaries and booleans: " + value);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
