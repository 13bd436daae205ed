package dev.parley.cluster;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.config.ParleyConfig;

/**
 * Who this pod is: its index (the StatefulSet ordinal, which names its partition of the deliveries topic) and an
 * incarnation id that is new at every start, so sessions of a dead pod never look alive again when the index
 * comes back.
 */
@ApplicationScoped
public class PodIdentity {

    private static final Pattern ORDINAL = Pattern.compile(".*-(\\d+)$");

    private final int index;
    private final String incarnation;

    PodIdentity(ParleyConfig config) {
        this.index = config.cluster().podIndex().orElseGet(PodIdentity::indexFromHostName);
        if (index < 0 || index >= config.cluster().deliveriesPartitions()) {
            throw new IllegalStateException("Pod index " + index + " is outside the " + config.cluster().deliveriesPartitions()
                    + " partitions of the deliveries topic; raise parley.cluster.deliveries-partitions");
        }
        this.incarnation = index + "/" + UUID.randomUUID();
    }

    public int index() {
        return index;
    }

    public String incarnation() {
        return incarnation;
    }

    private static int indexFromHostName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        Matcher matcher = ORDINAL.matcher(host);
        if (!matcher.matches()) {
            throw new IllegalStateException("Set parley.cluster.pod-index (PARLEY_CLUSTER_POD_INDEX): the host name '"
                    + host + "' has no StatefulSet ordinal");
        }
        return Integer.parseInt(matcher.group(1));
    }
}
