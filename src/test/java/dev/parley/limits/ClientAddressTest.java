package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(new ClientAddress(0).of("10.0.0.7", List.of("203.0.113.9"))).isEqualTo("10.0.0.7");
    }

    @Test
    void behindOneProxyTheLastEntryIsTheClientWhateverTheClientWroteBeforeIt() {
        ClientAddress address = new ClientAddress(1);
        assertThat(address.of("10.0.0.7", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(address.of("10.0.0.7", List.of("1.1.1.1, 203.0.113.9"))).as("a forged first entry")
                .isEqualTo("203.0.113.9");
        assertThat(address.of("10.0.0.7", List.of("1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTwoProxiesTheSecondFromTheEnd() {
        assertThat(new ClientAddress(2).of("10.0.0.7", List.of("1.1.1.1, 203.0.113.9, 10.0.0.2")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aRequestThatDidNotComeThroughTheProxiesCountsByItsPeer() {
        assertThat(new ClientAddress(1).of("10.0.0.7", List.of())).isEqualTo("10.0.0.7");
    }
}
