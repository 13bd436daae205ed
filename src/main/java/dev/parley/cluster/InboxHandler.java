package dev.parley.cluster;

/**
 * What a feature does with the messages of one kind that other pods put on this pod's inbox (its partition of the
 * deliveries topic) with {@link PodBus#tell}. Found as a bean when the pod joins the cluster: a feature registers
 * by implementing this. Called on the inbox's thread, one message at a time, in the order they were put.
 */
public interface InboxHandler {

    /** The kind of message this handler takes; one handler per kind. */
    String kind();

    void handle(String payload);
}
