package dev.parley.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.cluster.PodIdentity;

/**
 * Cluster adapter of {@link DeliveryBroker}: asks the session registry where the users are connected, hands this
 * pod's share to its own connections and puts one record per other pod on that pod's partition, so a frame goes
 * only to the pods that need it. One producer keeps the records of one caller in order per partition.
 */
@ApplicationScoped
@Typed(KafkaDeliveryBroker.class)
public class KafkaDeliveryBroker implements DeliveryBroker {

    private final SessionRegistry registry;
    private final LocalConnections local;
    private final ClusterProducer producer;
    private final PodIdentity pod;

    KafkaDeliveryBroker(RedisSessionRegistry registry, LocalConnections local, ClusterProducer producer,
            PodIdentity pod) {
        this.registry = registry;
        this.local = local;
        this.producer = producer;
        this.pod = pod;
    }

    @Override
    public void deliver(Collection<String> userIds, Object frame) {
        String text = producer.write(frame);
        for (Map.Entry<Integer, List<String>> target : registry.locate(userIds).entrySet()) {
            if (target.getKey() == pod.index()) {
                target.getValue().forEach(user -> local.send(user, text));
            } else {
                // Best effort, like a write to a socket: a lost frame is recovered by the client's sync.
                producer.toPod(target.getKey(), PodEnvelope.frame(target.getValue(), text));
            }
        }
    }

    @Override
    public void deliverToWatchers(String watchedUserId, Object frame) {
        String text = producer.write(frame);
        for (int target : registry.watcherPods(watchedUserId)) {
            if (target == pod.index()) {
                local.sendToWatchers(watchedUserId, text);
            } else {
                producer.toPod(target, PodEnvelope.watchers(watchedUserId, text));
            }
        }
    }
}
