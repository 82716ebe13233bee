package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** lgwan.rollout.threads: both kinds run every push, never more than {@code concurrency} at once. */
class PushThreadsTest {

    @Test
    void virtualThreadsRunEveryPushButNoMoreThanTheConcurrencyAtOnce() throws Exception {
        Seen seen = runMany(PushThreads.VIRTUAL, 3, 40);
        assertEquals(40, seen.ran.get());
        assertEquals(3, seen.mostAtOnce.get(), "the concurrency is the bound, and it is reached");
        assertTrue(seen.allVirtual, "each push on a virtual thread");
    }

    @Test
    void platformThreadsAreAPoolOfTheConcurrency() throws Exception {
        Seen seen = runMany(PushThreads.PLATFORM, 3, 40);
        assertEquals(40, seen.ran.get());
        assertEquals(3, seen.mostAtOnce.get());
        assertTrue(seen.noneVirtual, "each push on a platform thread");
    }

    @Test
    void aConcurrencyBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PushThreads.VIRTUAL.executor(0, "push"));
    }

    @Test
    void shuttingDownInterruptsThePushesInFlightAndDropsTheWaitingOnes() throws Exception {
        ExecutorService pool = PushThreads.VIRTUAL.executor(1, "push");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger second = new AtomicInteger();
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        pool.execute(second::incrementAndGet);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        pool.shutdownNow();
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the push in flight is interrupted (RouterPush then stops at its next step)");
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(0, second.get(), "the waiting push never starts");
    }

    private static final class Seen {
        final AtomicInteger ran = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile boolean allVirtual = true;
        volatile boolean noneVirtual = true;
    }

    private static Seen runMany(PushThreads kind, int concurrency, int tasks) throws Exception {
        Seen seen = new Seen();
        AtomicInteger now = new AtomicInteger();
        CountDownLatch full = new CountDownLatch(concurrency);
        ExecutorService pool = kind.executor(concurrency, "push");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(() -> {
                    int running = now.incrementAndGet();
                    seen.mostAtOnce.accumulateAndGet(running, Math::max);
                    if (Thread.currentThread().isVirtual()) {
                        seen.noneVirtual = false;
                    } else {
                        seen.allVirtual = false;
                    }
                    // the first ones wait (as on a router) until the bound is reached: then it must hold
                    full.countDown();
                    try {
                        full.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    now.decrementAndGet();
                    seen.ran.incrementAndGet();
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return seen;
    }
}
