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

    Channels channels();

    Cluster cluster();

    Dynamodb dynamodb();

    Presence presence();

    Push push();

    Balance balance();

    Media media();

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

        /** Log-in attempts (right or wrong) from one client address: a burst, then one every 5 s. */
        @WithDefault("20")
        int loginPerAddressBurst();

        @WithDefault("0.2")
        double loginPerAddressPerSecond();

        /** Log-in attempts at one username, from anywhere: a burst, then one a minute (password guessing). */
        @WithDefault("10")
        int loginPerUsernameBurst();

        @WithDefault("0.0167")
        double loginPerUsernamePerSecond();

        /** Sign-ups from one client address: a burst, then one a minute (each costs a bcrypt hash). */
        @WithDefault("10")
        int signupPerAddressBurst();

        @WithDefault("0.0167")
        double signupPerAddressPerSecond();

        /**
         * Proxies in front of Parley that append the client's address to X-Forwarded-For (1 behind one load
         * balancer, as in the Kubernetes manifests). The client address is that many entries from the header's end;
         * 0 ignores the header (a client could write anything there) and uses the connection's peer address.
         */
        @WithDefault("0")
        int trustedProxyHops();

        /** Sockets one user may hold on one instance; one more is closed with 4009 at once. */
        @WithDefault("20")
        int maxConnectionsPerUser();

        /** Frames other than {@code send} (typing, read, sync, presence.subscribe, ping) one socket may send a second. */
        @WithDefault("20")
        double framesPerSecond();

        /** ... in a burst, before the per-second rate applies. */
        @WithDefault("60")
        int framesBurst();
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

        /** Embedded mode: threads storing channels' sends (one channel's batch at a time each). */
        @WithDefault("8")
        int writerThreads();

        /** Most sends of one channel stored in one group commit. */
        @WithDefault("100")
        int maxBatch();

        /** Sends of one channel waiting to be stored; past this, sends are refused with "overloaded". */
        @WithDefault("1000")
        int maxPendingPerChannel();

        /** Sends of one connection not yet acked; past this, its sends are refused with "overloaded". */
        @WithDefault("100")
        int maxSendsInFlight();

        /**
         * Characters of frames a connection may have waiting to be written (its client not reading them) before it
         * is closed as too slow (close code 4008); the client reconnects and syncs. Bounds each socket's memory.
         */
        @WithDefault("4000000")
        long maxPendingChars();

        /**
         * Characters of message text in one history page, whatever the limit (at least one message): 200 messages of
         * 100,000 characters would be a 20 MB answer. hasMore tells the client to ask for the rest.
         */
        @WithDefault("2000000")
        long maxPageChars();

        /** Messages a sync writes before it waits for them to be written (bounds a sync's memory). */
        @WithDefault("20")
        int syncPageSize();
    }

    interface Channels {
        /** Channels whose member lists each pod keeps in memory; past this, the least used are dropped and re-read. */
        @WithDefault("100000")
        int membersCacheSize();

        /**
         * Channels one user may be in. Past it, creating or joining one is refused (too_many_channels): nobody can
         * make another user's channel list and badge counts crawl by adding them to thousands of groups.
         */
        @WithDefault("1000")
        int maxPerUser();
    }

    /** Cluster mode: how the pods find each other and share work through Kafka and Redis. */
    interface Cluster {
        /**
         * Fault injection for the fault suite, inert unless set: the sequencer throws an unexpected exception once,
         * the first time it is handed a send with this clientMsgId (as a bug would), to show that such a failure
         * loses and doubles nothing. Never set in production.
         */
        Optional<String> failpointThrowOnceOnClientMsgId();

        /**
         * This pod's index: the partition of the deliveries topic it reads. Unset: the number at the end of the
         * host name (a StatefulSet pod "parley-3" is 3).
         */
        java.util.OptionalInt podIndex();

        /** Sends, keyed by channel: the consumer owning a channel's partition stores its messages one by one. */
        @WithDefault("parley.sends")
        String sendsTopic();

        @WithDefault("32")
        int sendsPartitions();

        /** Frames for pods: partition N is read by pod N only. Its partition count caps the number of pods. */
        @WithDefault("parley.deliveries")
        String deliveriesTopic();

        @WithDefault("64")
        int deliveriesPartitions();

        /** The one dead-letter topic for records that keep failing, whatever topic they came from. */
        @WithDefault("parley.dead-letters")
        String deadLetterTopic();

        @WithDefault("1")
        short replicationFactor();

        /** Attempts at storing a send before it goes to the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        /** How long a connection waits for its send to be stored before it answers internal_error. */
        @WithDefault("15s")
        Duration sendTimeout();

        /** How often a pod tells Redis it is alive; it is taken for dead after pod-ttl of silence. */
        @WithDefault("5s")
        Duration heartbeat();

        @WithDefault("15s")
        Duration podTtl();

        /**
         * How long Parley's Kafka producers wait to fill a batch (linger.ms). Longer: fewer, larger requests for the
         * brokers and the pods' network threads, each record that much later.
         */
        @WithDefault("1ms")
        Duration producerLinger();

        /**
         * A fetch of Parley's consumers answers once it has this many bytes (fetch.min.bytes) or after fetch-max-wait.
         * 1: at once, whatever is there.
         */
        @WithDefault("1")
        int fetchMinBytes();

        @WithDefault("500ms")
        Duration fetchMaxWait();
    }

    /** Attachments: bytes go straight to object storage (a local folder in embedded mode, S3 in cluster mode). */
    interface Media {
        /** Largest attachment, in bytes (25 MiB). */
        @WithDefault("26214400")
        long maxBytes();

        /** Content types an attachment may have; anything else is refused (unsupported_media_type). */
        @WithDefault("image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,audio/mpeg,audio/mp4,"
                + "video/mp4,video/webm,application/zip,application/octet-stream")
        List<String> allowedTypes();

        /** How long an upload URL may be used. */
        @WithDefault("15m")
        Duration uploadTtl();

        /** How long a download URL may be used. */
        @WithDefault("5m")
        Duration downloadTtl();

        /** Longest edge of a thumbnail, in pixels. */
        @WithDefault("320")
        int thumbnailSize();

        /** Images with more pixels than this get no thumbnail (even subsampled, decoding them costs too much time). */
        @WithDefault("40000000")
        long maxThumbnailPixels();

        /** Upload slots one user may ask for in a burst, and per second after it. */
        @WithDefault("30")
        int uploadBurst();

        @WithDefault("1")
        double uploadsPerSecond();

        /** Cluster mode: the S3 bucket holding attachments. */
        @WithDefault("parley-media")
        String bucket();

        /** Create the bucket at start when missing (dev and test); in production Terraform creates it. */
        @WithDefault("false")
        boolean createBucket();
    }

    interface Dynamodb {
        @WithDefault("parley_messages")
        String messagesTable();

        @WithDefault("parley_client_ids")
        String clientIdsTable();

        /** Create the tables at start when missing (dev and test); in production Terraform creates them. */
        @WithDefault("false")
        boolean createTables();

        /** Channels whose head (last seq, holes) each pod keeps in memory while it writes them. */
        @WithDefault("100000")
        int channelTailsCacheSize();

        /**
         * How long a block of seqs reserved by a channel's writer is that writer's alone. The writer does not start
         * writing it past half of this; a writer finding holes in another's block waits for this to pass.
         */
        @WithDefault("5s")
        java.time.Duration reservationLease();
    }

    interface Presence {
        /** How often clients should ping; documented for clients, and the period of the idle-connection sweep. */
        @WithDefault("10s")
        Duration heartbeat();

        /** A connection silent this long is closed and no longer counts. */
        @WithDefault("30s")
        Duration timeout();

        /** How long a user stays online after the last connection goes, so a reconnect does not flash offline. */
        @WithDefault("5s")
        Duration grace();

        /** Most user ids one connection may watch. */
        @WithDefault("200")
        int maxSubscriptions();
    }

    /** Spreading sockets over pods (cluster mode): see docs/architecture.md, "Connections spread over pods". */
    interface Balance {
        /** How often each pod publishes its socket count and compares it with the cluster's average. */
        @WithDefault("10s")
        Duration interval();

        /** A pod more than this share above the average asks some of its clients to reconnect elsewhere. */
        @WithDefault("0.2")
        double tolerance();

        /**
         * A pod moves sockets only when it holds at least this many more than the average: moving a handful helps
         * nobody, and a small cluster (or a test pinning clients to pods) must not see its sockets closed.
         */
        @WithDefault("50")
        int minExcess();

        /** At most this share of a pod's sockets is asked to move per interval (closed spread over the interval). */
        @WithDefault("0.1")
        double maxShare();

        /**
         * This pod's own socket URL for clients (e.g. wss://parley-0.chat.example.com/api/v1/ws, one host per pod
         * of the StatefulSet). Unset: GET /api/v1/connect answers without a URL and clients use the usual address.
         */
        Optional<String> socketUrl();
    }

    interface Push {
        /** At most one push per user per channel in this time. */
        @WithDefault("30s")
        Duration coalesce();

        /** Push rounds (one per stored message) that may wait for the push threads; past it new ones are shed. */
        @WithDefault("10000")
        int maxWaiting();

        /** SNS platform application for APNs devices (cluster mode). */
        Optional<String> apnsApplicationArn();

        /** SNS platform application for FCM devices (cluster mode). */
        Optional<String> fcmApplicationArn();
    }
}
