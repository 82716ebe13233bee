package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 6: 8 clients cycling through 12 commits loaded a revision on every request (a
 * cache of 3 entries whatever their size) and pushed the JVM to 773 MB; a refused commit was
 * loaded again on every request. Kept now within a bound of bytes, refusals included, one load
 * per revision however many ask at once, and a bounded number of loads at a time.
 */
class RevisionCacheTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static InventoryRevision revision(String commit) {
        return new InventoryRevision(commit, null, Map.of(), Map.of(), List.of(), Instant.EPOCH);
    }

    private static RevisionCache.Entry loaded(String commit, long bytes) {
        return new RevisionCache.Entry(revision(commit), null, bytes);
    }

    @Test
    void keepsWhatItLoadedAndWhatItRefused() {
        RevisionCache cache = new RevisionCache(100_000, 2);
        AtomicInteger loads = new AtomicInteger();
        InventoryRevision first = cache.get("a", () -> {
            loads.incrementAndGet();
            return loaded("a", 100);
        });
        assertSame(first, cache.get("a", () -> {
            throw new AssertionError("loaded again");
        }));
        ChangeRefused tooLarge = ChangeRefused.unprocessable("revision-too-large", "Revision too large", "3000000000 bytes").with("inventory_revision", "b");
        for (int i = 0; i < 3; i++) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> cache.get("b", () -> {
                loads.incrementAndGet();
                return new RevisionCache.Entry(null, tooLarge, RevisionCache.Entry.REFUSAL_BYTES);
            }));
            assertEquals("revision-too-large", refused.type());
            assertEquals("b", refused.extensions().get("inventory_revision"));
            assertNotSame(tooLarge, refused, "each caller gets a refusal of its own");
        }
        assertEquals(2, loads.get(), "one load each; the refusal came from the cache");
    }

    @Test
    void evictsTheLeastRecentlyUsedPastItsBound() {
        RevisionCache cache = new RevisionCache(1000, 2);
        cache.get("a", () -> loaded("a", 400));
        cache.get("b", () -> loaded("b", 400));
        cache.get("a", () -> loaded("a", 400));
        cache.get("c", () -> loaded("c", 400));
        assertEquals(2, cache.size());
        assertEquals(800, cache.bytes());
        AtomicInteger loads = new AtomicInteger();
        cache.get("a", () -> {
            loads.incrementAndGet();
            return loaded("a", 400);
        });
        cache.get("b", () -> {
            loads.incrementAndGet();
            return loaded("b", 400);
        });
        assertEquals(1, loads.get(), "a was used last and kept; b went");
        cache.get("huge", () -> loaded("huge", 5000));
        assertTrue(cache.bytes() <= 1000, "one larger than the bound is given but not kept: " + cache.bytes());
    }

    @Test
    void aFailureThatIsNoRefusalIsNotKept() {
        RevisionCache cache = new RevisionCache(1000, 2);
        assertThrows(UncheckedIOException.class, () -> cache.get("a", () -> {
            throw new UncheckedIOException(new java.io.IOException("disk full"));
        }));
        assertEquals("a", cache.get("a", () -> loaded("a", 10)).commit(), "the next caller loads it");
    }

    @Test
    void callersAskingAtOnceShareOneLoad() throws Exception {
        RevisionCache cache = new RevisionCache(1000, 2);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        Future<InventoryRevision> first = threads.submit(() -> cache.get("a", () -> {
            loads.incrementAndGet();
            loading.countDown();
            await(release);
            return loaded("a", 10);
        }));
        assertTrue(loading.await(30, TimeUnit.SECONDS));
        Future<InventoryRevision> second = threads.submit(() -> cache.get("a", () -> {
            loads.incrementAndGet();
            return loaded("a", 10);
        }));
        release.countDown();
        assertSame(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        assertEquals(1, loads.get());
    }

    @Test
    void noMoreThanItsParallelLoadsRunAtOnce() throws Exception {
        RevisionCache cache = new RevisionCache(1000, 2);
        CountDownLatch twoLoading = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<InventoryRevision>> results = List.of("a", "b", "c").stream().map(key -> threads.submit(() -> cache.get(key, () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoLoading.countDown();
            await(release);
            running.decrementAndGet();
            return loaded(key, 10);
        }))).toList();
        assertTrue(twoLoading.await(30, TimeUnit.SECONDS));
        release.countDown();
        for (Future<InventoryRevision> result : results) {
            result.get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, most.get(), "the third waited for a turn");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
