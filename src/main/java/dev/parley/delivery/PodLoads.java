package dev.parley.delivery;

import java.util.List;

/**
 * Port: each pod's socket count, for spreading sockets over pods. Embedded: this process alone. Cluster: a Redis
 * hash of the live pods' counts, each pod writing its own.
 */
public interface PodLoads {

    /** A pod's load as it last published it; {@code socketUrl} may be null (see parley.balance.socket-url). */
    record PodLoad(String pod, int sockets, String socketUrl) {
    }

    /** This pod's id among {@link #all()}. */
    String self();

    /** Publishes this pod's socket count. Blocking. */
    void publish(int sockets);

    /** Takes this pod out of {@link #all()} (it is shutting down). Blocking. */
    void withdraw();

    /** Every live pod's last published load, this one's included. Blocking. */
    List<PodLoad> all();
}
