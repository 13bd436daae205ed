package dev.parley.cluster;

/**
 * What a feature does with the requests the pod bus hands this pod: the records of the keys whose partitions of the
 * requests topic this pod owns, one at a time per partition, in order. The bus starts delivering them once the pod
 * has joined the cluster; it finds the handler as a bean, so the feature registers by implementing this.
 */
public interface RequestHandler {

    /**
     * Answers one request; the answer goes back to the asking pod. Throwing means "try again": the bus retries up to
     * {@code parley.cluster.max-attempts} times, then moves the record to the dead-letter topic and answers the asker
     * with a failure. Throw {@link PoisonRequest} for a record that can never succeed, to skip the retries.
     */
    String answer(String key, String payload) throws Exception;

    /** A request that no retry can help (unreadable, say): dead-lettered at once. */
    class PoisonRequest extends RuntimeException {
        public PoisonRequest(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
