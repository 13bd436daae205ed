package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What an idle authenticated socket costs Parley (scripts/bench.sh idle-sockets): the embedded jar's resident memory
 * with USERS x PER_USER sockets open and quiet but for their pings, against the same process before they opened.
 * Prints one line: sockets, RSS before and after, KB per socket.
 */
public final class IdleSockets {

    private IdleSockets() {
    }

    /** {@code [USERS] [PER_USER]}; run through {@link Benchmark}'s main ({@code scripts/bench.sh idle-sockets}). */
    static void run(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perUser = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ParleyTarget parley = ParleyTarget.embedded()) {
            parley.start();
            Target.Setup setup = parley.setUp(users, 1);
            long pid = parley.pids().get(0);
            settle();
            long before = rssKb(pid);
            List<BenchClient> sockets = new ArrayList<>();
            Semaphore opening = new Semaphore(200); // a steady stream of connects, not a storm
            List<CompletableFuture<BenchClient>> connecting = new ArrayList<>();
            for (Target.User user : setup.users()) {
                for (int i = 0; i < perUser; i++) {
                    opening.acquire();
                    connecting.add(BenchClient.connect(user.wsUri(), user.token(), frame -> {
                    }).whenComplete((socket, failure) -> opening.release()));
                }
            }
            for (CompletableFuture<BenchClient> socket : connecting) {
                sockets.add(socket.get(60, TimeUnit.SECONDS));
            }
            Thread pinger = BenchClient.pinging(sockets);
            settle();
            long after = rssKb(pid);
            System.out.printf("| %d sockets (%d users x %d) | RSS before %d MiB | with sockets %d MiB | %.1f KB per socket |%n",
                    sockets.size(), users, perUser, before / 1024, after / 1024, (after - before) / (double) sockets.size());
            pinger.interrupt();
            sockets.parallelStream().forEach(BenchClient::close);
        }
    }

    /** Lets start-up or connects settle (JIT, lazy allocations) before reading the memory. */
    private static void settle() {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(15));
    }

    private static long rssKb(long pid) throws Exception {
        return ResidentMemory.kb(pid, "VmRSS");
    }
}
