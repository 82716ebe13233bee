package jp.lgwan.routerconfig.change;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Revisions other than the served one, loaded for a notification or a {@code ?revision=} and kept
 * by key (commit and day) within a memory bound, least recently used first out. Loading one costs
 * seconds of CPU for a large fleet, so: what is loaded once is kept, a refusal included (a commit
 * too large or invalid is refused again from here, at once); callers asking for a revision being
 * loaded wait for that load instead of starting their own; and at most {@code parallelLoads}
 * revisions load at once, the others waiting their turn. Before this, 8 clients cycling through 12
 * commits loaded a revision on every request (a cache of 3), and one hostile commit cost 25 s of
 * CPU per request, uncached.
 */
final class RevisionCache {

    /** A loaded revision or the refusal its loading met, and what it holds of the heap (estimated). */
    record Entry(InventoryRevision revision, ChangeRefused refusal, long bytes) {

        /** What a refusal weighs: its message and errors. */
        static final long REFUSAL_BYTES = 4096;

        InventoryRevision get() {
            if (refusal != null) {
                throw refusal.copy();
            }
            return revision;
        }
    }

    private final long maxBytes;
    private final Semaphore loads;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Entry>> loading = new HashMap<>();
    private long bytes;

    RevisionCache(long maxBytes, int parallelLoads) {
        this.maxBytes = maxBytes;
        this.loads = new Semaphore(parallelLoads, true);
    }

    /** The revision under {@code key}: kept, being loaded by another caller, or loaded now by {@code loader}. */
    InventoryRevision get(String key, Supplier<Entry> loader) {
        CompletableFuture<Entry> mine;
        CompletableFuture<Entry> theirs;
        synchronized (this) {
            Entry kept = entries.get(key);
            if (kept != null) {
                return kept.get();
            }
            theirs = loading.get(key);
            mine = theirs == null ? new CompletableFuture<>() : null;
            if (mine != null) {
                loading.put(key, mine);
            }
        }
        if (theirs != null) {
            try {
                return theirs.join().get();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        Entry entry;
        try {
            loads.acquireUninterruptibly();
            try {
                entry = loader.get();
            } finally {
                loads.release();
            }
        } catch (RuntimeException e) {
            // not a refusal of the revision (an I/O error): not kept, the next caller tries again
            synchronized (this) {
                loading.remove(key);
            }
            mine.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            loading.remove(key);
            keep(key, entry);
        }
        mine.complete(entry);
        return entry.get();
    }

    private void keep(String key, Entry entry) {
        if (entry.bytes() > maxBytes) {
            return;
        }
        Entry replaced = entries.put(key, entry);
        bytes += entry.bytes() - (replaced == null ? 0 : replaced.bytes());
        var eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    /** Kept entries and their estimated bytes, for tests and metrics. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }
}
