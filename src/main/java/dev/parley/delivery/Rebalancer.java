package dev.parley.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Spreads sockets over pods. Sockets live long, so a pod added to the cluster gets none until clients happen to
 * reconnect. Every {@code parley.balance.interval} each pod publishes its socket count; a pod more than
 * {@code tolerance} (and {@code min-excess} sockets) above the cluster's average asks some of its clients to reconnect (close code
 * {@value #CLOSE_CODE}): the excess over the average, at most {@code max-share} of its sockets a round, each closed
 * at a random moment within half the interval so nothing storms, and then waits {@value #COOLDOWN_ROUNDS} rounds. Clients ask {@code GET /api/v1/connect} where to
 * go, which names a pod below the average. With one pod (embedded mode) nothing ever moves.
 */
@ApplicationScoped
public class Rebalancer {

    /** Close code of a socket asked to move: reconnect now (no backoff), through GET /api/v1/connect, then sync. */
    public static final int CLOSE_CODE = 4010;
    /**
     * Rounds a pod waits after moving sockets before it may move more: the moved clients land and the pods publish
     * their new counts first (counts are up to a round old), so pods do not overshoot and toss sockets back and forth.
     */
    static final int COOLDOWN_ROUNDS = 3;
    private static final Logger LOG = Logger.getLogger(Rebalancer.class);

    private final LocalConnections connections;
    private final PodLoads loads;
    private final ParleyConfig.Balance config;
    private int roundsToWait;
    /** This pod's socket count at the previous round (0 before the first). */
    private int countARoundAgo;
    /** Every pod's count as read at the previous round (none before the first). */
    private List<PodLoads.PodLoad> allARoundAgo = List.of();
    /** From the HTTP server's start until the shutdown begins: only then may clients be sent here. */
    private volatile boolean serving;

    Rebalancer(LocalConnections connections, PodLoads loads, ParleyConfig config) {
        this.connections = connections;
        this.loads = loads;
        this.config = config.balance();
    }

    /** Quarkus fires it asynchronously once the HTTP server listens. */
    void onServing(@ObservesAsync HttpServerStart started) {
        serving = true;
    }

    /** Draining: no more clients are sent here (the drain closes the sockets this pod holds). */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        serving = false;
        try {
            loads.withdraw();
        } catch (RuntimeException e) {
            LOG.warnf("Could not withdraw this pod's load: %s", e.toString());
        }
    }

    @Scheduled(every = "${parley.balance.interval}", delayed = "${parley.balance.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        if (!serving) {
            return; // a pod still starting would be named to clients before it listens
        }
        try {
            int mine = connections.count();
            loads.publish(mine);
            int aRoundAgo = countARoundAgo;
            countARoundAgo = mine;
            List<PodLoads.PodLoad> all = loads.all();
            List<PodLoads.PodLoad> before = allARoundAgo;
            allARoundAgo = all;
            if (roundsToWait > 0) {
                roundsToWait--;
                return;
            }
            int move = toMoveThisRound(mine, aRoundAgo, loads.self(), all, before, config.tolerance(),
                    config.minExcess(), config.maxShare());
            if (move > 0) {
                roundsToWait = COOLDOWN_ROUNDS;
                Duration spread = config.interval().dividedBy(2);
                LOG.infof("Asking %d of this pod's %d sockets to reconnect elsewhere (over %d ms)", move, mine,
                        spread.toMillis());
                connections.closeSomeOver(move, CLOSE_CODE, "rebalance: reconnect through /api/v1/connect", spread);
            }
        } catch (RuntimeException e) {
            LOG.warnf("A rebalancing round failed (next round in %s): %s", config.interval(), e.toString());
        }
    }

    /**
     * The other pods' counts are up to a round old, so this pod judges cautiously: its own count is the lower of now
     * and a round ago, each other pod's the higher of what it had published at this round and at the last. Sockets
     * that just arrived here (clients connecting everywhere at once, a load rising on every pod) are not taken for an
     * excess over counts published before theirs arrived elsewhere, nor is a moment when another pod's clients had
     * all just closed and not yet reopened (every socket of a pod reconnecting). A real excess (a pod that joined with
     * none) is still there a round later, and moves then.
     */
    static int toMoveThisRound(int mine, int mineARoundAgo, String self, List<PodLoads.PodLoad> all,
            List<PodLoads.PodLoad> allARoundAgo, double tolerance, int minExcess, double maxShare) {
        int held = Math.min(mine, mineARoundAgo);
        Map<String, Integer> before = allARoundAgo.stream()
                .collect(Collectors.toMap(PodLoads.PodLoad::pod, PodLoads.PodLoad::sockets, Math::max));
        List<PodLoads.PodLoad> comparable = all.stream()
                .map(load -> new PodLoads.PodLoad(load.pod(), load.pod().equals(self) ? held
                        : Math.max(load.sockets(), before.getOrDefault(load.pod(), 0)), load.socketUrl()))
                .toList();
        return toMove(held, comparable, tolerance, minExcess, maxShare);
    }

    /**
     * How many of this pod's sockets to move this round: none unless it is above the average by the tolerance and by
     * at least minExcess sockets.
     */
    static int toMove(int mine, List<PodLoads.PodLoad> all, double tolerance, int minExcess, double maxShare) {
        if (all.size() < 2) {
            return 0;
        }
        double average = all.stream().mapToInt(PodLoads.PodLoad::sockets).sum() / (double) all.size();
        if (mine <= average * (1 + tolerance) || mine - average < Math.max(1, minExcess)) {
            return 0;
        }
        return (int) Math.min(Math.floor(mine - average), Math.max(1, Math.floor(mine * maxShare)));
    }
}
