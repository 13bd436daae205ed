package dev.parley.presence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.block.UserBlocked;
import dev.parley.account.Account;
import dev.parley.account.AccountRepository;
import dev.parley.channel.MembershipRepository;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.DeliveryBroker;
import dev.parley.delivery.LocalConnections;
import dev.parley.delivery.SessionRegistry;
import dev.parley.delivery.SessionsLost;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Who is online. A user is online while the session registry finds a connection of theirs on a live pod, or while
 * the grace period after their last connection runs. Changes go to the connections that watch the user (by
 * subscription), never to every contact. lastActiveAt is kept in PostgreSQL.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class);

    private final ParleyConfig config;
    private final SessionRegistry registry;
    private final PresenceStore store;
    private final LocalConnections connections;
    private final DeliveryBroker broker;
    private final AccountRepository accounts;
    private final MembershipRepository memberships;
    /** A grace period started here for a user whose last connection on this pod is closing. */
    private record Grace(String token, Instant at) {
    }

    private final Map<String, Grace> startedGraces = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-presence");
        thread.setDaemon(true);
        return thread;
    });

    PresenceService(ParleyConfig config, SessionRegistry registry, PresenceStore store, LocalConnections connections,
            DeliveryBroker broker, AccountRepository accounts, MembershipRepository memberships) {
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.connections = connections;
        this.broker = broker;
        this.accounts = accounts;
        this.memberships = memberships;
    }

    /** Whoever is blocked stops watching the blocker's presence at once, on every pod (and cannot watch it again). */
    void onBlock(@Observes UserBlocked change) {
        if (change.blocked()) {
            broker.stopWatching(change.blockedId(), change.blockerId());
        }
    }

    void onConnections(@Observes LocalConnections.UserConnections change) {
        try {
            if (change.connected()) {
                connected(change.userId());
            } else {
                disconnected(change.userId());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Presence change of %s not handled", change.userId());
        }
    }

    /** A pod died holding these users' connections: each goes offline now, unless connected elsewhere. */
    void onSessionsLost(@Observes SessionsLost lost) {
        Instant now = now();
        int offline = 0;
        for (String user : lost.userIds()) {
            try {
                if (!isOnline(user)) {
                    wentOffline(user, now);
                    offline++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not take %s offline", user);
            }
        }
        LOG.infof("Took %d users of a dead pod offline", offline);
    }

    private void connected(String userId) {
        store.cancelGrace(userId);
        if (!PresenceFrame.ONLINE.equals(store.announce(userId, PresenceFrame.ONLINE))) {
            Instant now = now();
            QuarkusTransaction.requiringNew().run(() -> accounts.setLastActive(userId, now));
            broker.deliverToWatchers(userId, new PresenceFrame(userId, PresenceFrame.ONLINE, now));
        }
    }

    /**
     * The grace starts while the registry still holds the user's last connection here: a status query in between
     * finds them online, never offline with a stale time. The stored grace outlives the timer that ends it (twice
     * the period): it is removed only once lastActiveAt is written, so a query just after the period, before the
     * timer has run, still says online rather than offline with the time of the connect.
     */
    void onLastConnectionClosing(@Observes LocalConnections.LastConnectionClosing closing) {
        try {
            Grace grace = new Grace(UUID.randomUUID().toString(), now());
            store.startGrace(closing.userId(), grace.token(), config.presence().grace().multipliedBy(2));
            startedGraces.put(closing.userId(), grace);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not start the grace period of %s", closing.userId());
        }
    }

    private void disconnected(String userId) {
        Grace grace = startedGraces.remove(userId);
        if (grace == null || !registry.locate(List.of(userId)).isEmpty()) {
            return; // another connection of theirs, here or on another pod: their grace just runs out
        }
        timers.schedule(() -> goOfflineIfStillGone(userId, grace.token(), grace.at()), config.presence().grace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void goOfflineIfStillGone(String userId, String token, Instant at) {
        try {
            if (!registry.locate(List.of(userId)).isEmpty()) {
                return; // back on some pod
            }
            // Durable before the grace ends: once it has, a status query already answers "offline" with this time.
            QuarkusTransaction.requiringNew().run(() -> accounts.setLastActive(userId, at));
            if (!store.endGrace(userId, token)) {
                return; // a newer grace period runs
            }
            wentOffline(userId, at);
            if (!registry.locate(List.of(userId)).isEmpty()) {
                connected(userId); // they came back in the very moment: say so rather than leave them offline
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not take %s offline", userId);
        }
    }

    /** Durable first, then announced, once. Also used for the users of a pod that died. */
    public void wentOffline(String userId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> accounts.setLastActive(userId, at));
        if (PresenceFrame.ONLINE.equals(store.announce(userId, PresenceFrame.OFFLINE))) {
            broker.deliverToWatchers(userId, new PresenceFrame(userId, PresenceFrame.OFFLINE, at));
        }
    }

    /** True when the user counts as online: connected on a live pod, or within the grace period. */
    public boolean isOnline(String userId) {
        return !registry.locate(List.of(userId)).isEmpty() || store.inGrace(userId);
    }

    /** The status of those of the users the caller may see (they share a channel), in the order asked. */
    public List<PresenceFrame> statusFor(String callerId, Collection<String> userIds) {
        Set<String> asked = new LinkedHashSet<>(userIds);
        Set<String> visible = QuarkusTransaction.requiringNew().call(() -> memberships.visibleTo(callerId, asked));
        return statusOf(asked.stream().filter(visible::contains).toList());
    }

    private List<PresenceFrame> statusOf(List<String> shown) {
        Set<String> online = onlineAmong(shown);
        Map<String, Instant> lastActive = QuarkusTransaction.requiringNew().call(() -> accounts.withIds(shown).stream()
                .filter(a -> a.lastActiveAt != null).collect(Collectors.toMap(a -> a.id, (Account a) -> a.lastActiveAt)));
        Instant now = now();
        List<PresenceFrame> result = new ArrayList<>();
        for (String userId : shown) {
            result.add(online.contains(userId) ? new PresenceFrame(userId, PresenceFrame.ONLINE, now)
                    : new PresenceFrame(userId, PresenceFrame.OFFLINE, lastActive.get(userId)));
        }
        return result;
    }

    /**
     * Replaces what the connection watches and answers with the current status of each visible user, through
     * {@code reply}. A change can happen between reading the status and watching: the status is queued first, then
     * the watch starts (every later change reaches the connection as a frame of its own), then the status is read
     * again and whatever changed in between is sent too. So no change is missed (a frame may repeat a status).
     */
    public void subscribe(WebSocketConnection connection, String callerId, Collection<String> userIds,
            Consumer<PresenceFrame> reply) {
        if (userIds.size() > config.presence().maxSubscriptions()) {
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    "at most " + config.presence().maxSubscriptions() + " user ids per connection");
        }
        List<PresenceFrame> before = statusFor(callerId, userIds);
        before.forEach(reply);
        List<String> shown = before.stream().map(PresenceFrame::userId).toList();
        connections.watch(connection, Set.copyOf(shown));
        // The second look asks only who is online; lastActiveAt is read again only for those whose status changed.
        Set<String> onlineNow = onlineAmong(shown);
        List<String> changed = before.stream()
                .filter(frame -> PresenceFrame.ONLINE.equals(frame.status()) != onlineNow.contains(frame.userId()))
                .map(PresenceFrame::userId).toList();
        if (!changed.isEmpty()) {
            statusOf(changed).forEach(reply);
        }
    }

    private Set<String> onlineAmong(List<String> userIds) {
        Set<String> online = registry.locate(userIds).values().stream().flatMap(List::stream)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        userIds.stream().filter(id -> !online.contains(id) && store.inGrace(id)).forEach(online::add);
        return online;
    }

    /** What a new connection watches before it asks: the other members of the user's direct channels. */
    public void subscribeDefaults(WebSocketConnection connection, String userId, Consumer<PresenceFrame> reply) {
        List<String> peers = QuarkusTransaction.requiringNew().call(() -> memberships.directPeers(userId));
        subscribe(connection, userId, peers.stream().distinct().limit(config.presence().maxSubscriptions()).toList(),
                reply);
    }

    @Scheduled(every = "${parley.presence.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeSilentConnections() {
        int closed = connections.closeSilentFor(config.presence().timeout());
        if (closed > 0) {
            LOG.debugf("Closed %d connections silent for over %s", closed, config.presence().timeout());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
