package dev.parley.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Parley setting, under the {@code parley.} prefix (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** embedded: one node, no external servers. cluster: PostgreSQL, Redis, Kafka, DynamoDB. */
    @WithDefault("embedded")
    Mode mode();

    /** Where embedded mode keeps its database and keys. */
    @WithDefault("./data")
    String dataDir();

    /**
     * Browser origins (scheme://host[:port]) allowed to open the WebSocket. Unset: only the server's own origin.
     * Clients that send no Origin header (native apps) are not affected.
     */
    Optional<List<String>> allowedOrigins();

    Jwt jwt();

    Accounts accounts();

    Limits limits();

    Tickets tickets();

    Messages messages();

    enum Mode {
        EMBEDDED, CLUSTER
    }

    interface Jwt {
        @WithDefault("parley")
        String issuer();

        @WithDefault("12h")
        Duration tokenTtl();

        /** PEM (PKCS#8) RSA private key. Unset in embedded mode: a key pair is generated under the data dir. */
        Optional<String> privateKey();

        /** PEM (X.509) RSA public key matching {@link #privateKey()}. */
        Optional<String> publicKey();
    }

    interface Accounts {
        /** bcrypt cost factor; each step doubles the hashing time. */
        @WithDefault("10")
        int bcryptCost();
    }

    interface Limits {
        /** Sustained messages a user may send per second, across all their connections. */
        @WithDefault("20")
        int sendPerSecond();

        /** Messages a user may send in a burst before the per-second rate applies. */
        @WithDefault("50")
        int sendBurst();
    }

    interface Tickets {
        @WithDefault("30s")
        Duration ttl();
    }

    interface Messages {
        /** Messages sent per channel in answer to one sync frame before the rest must be paged over REST. */
        @WithDefault("500")
        int syncLimit();

        /** Largest page of history one REST call returns. */
        @WithDefault("200")
        int maxPageSize();
    }
}
