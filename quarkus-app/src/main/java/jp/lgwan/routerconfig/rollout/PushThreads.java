package jp.lgwan.routerconfig.rollout;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads routers' pushes run on ({@code lgwan.rollout.threads}). A push spends nearly all of
 * its time waiting for the router: at 50 ms RTT with 2 s commits a router holds its thread for ~7 s
 * and uses ~12 ms of CPU (BENCHMARKS.md). With one platform thread per router in flight, the
 * window's throughput was the pool's size divided by that latency; with a virtual thread per router
 * it is bounded by {@code lgwan.rollout.concurrency} alone, which can then be in the thousands.
 * Virtual threads blocked in MINA SSHD's futures or SNMP4J's synchronous requests (both wait inside
 * {@code synchronized}) no longer pin their carrier on Java 24 and later (JEP 491), so the JDK is 25.
 */
public enum PushThreads {

    /** A virtual thread per router in flight, at most {@code concurrency} at once (the default). */
    VIRTUAL,

    /** A pool of {@code concurrency} platform threads, as before Java 25: for comparison and as a fallback. */
    PLATFORM;

    /**
     * An executor that runs at most {@code concurrency} tasks at once; the rest wait their turn in
     * order. Its threads are daemons named {@code name-N}.
     */
    public ExecutorService executor(int concurrency, String name) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        if (this == PLATFORM) {
            AtomicInteger count = new AtomicInteger();
            return Executors.newFixedThreadPool(concurrency, r -> {
                Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return new Bounded(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 1).factory()), concurrency);
    }

    /** A virtual thread per task, which waits (unmounted, at no cost) for one of {@code concurrency} permits before it runs. */
    private static final class Bounded extends AbstractExecutorService {
        private final ExecutorService threads;
        private final Semaphore permits;

        Bounded(ExecutorService threads, int concurrency) {
            this.threads = threads;
            this.permits = new Semaphore(concurrency, true);
        }

        @Override
        public void execute(Runnable task) {
            threads.execute(() -> {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // shut down before its turn came
                }
                try {
                    task.run();
                } finally {
                    permits.release();
                }
            });
        }

        @Override
        public void shutdown() {
            threads.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return threads.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return threads.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return threads.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return threads.awaitTermination(timeout, unit);
        }
    }
}
