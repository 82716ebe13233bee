package jp.lgwan.routerconfig.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per user name and per source address, each with a few free failures and
 * then a block that doubles with every further failure — 1 s, 2 s, 4 s … up to a longest block —
 * during which a login for that user, or from that address, is refused without its password being
 * checked. A correct password ends the user's count (not the address's: one valid account must not
 * reset the count of an address guessing another's password). Counts are forgotten after a quiet
 * while, and at most {@code tracked} names and addresses are remembered (least recently failed go
 * first), so that a flood of invented user names cannot fill the memory.
 *
 * <p>The two counts guard against different things: per user, guessing one account's password from
 * many addresses; per address, trying many accounts from one. A blocked user can still use the API
 * from where it logged in before the attack (the login cache of {@code PasswordLogin}); the block
 * only stops new logins, at most for {@code longestBlock}.
 */
public final class LoginThrottle {

    /**
     * @param userFreeFailures    failures in a row for one user name before its logins are blocked
     * @param sourceFreeFailures  failures from one address before its logins are blocked (an address may be a NAT of many people)
     * @param firstBlock          the first block; each further failure doubles it
     * @param longestBlock        no block is longer
     * @param forgetAfter         a count with no failure for this long starts again from zero
     * @param tracked             how many user names and how many addresses are remembered
     */
    public record Settings(int userFreeFailures, int sourceFreeFailures, Duration firstBlock, Duration longestBlock, Duration forgetAfter,
                           int tracked) {
    }

    /** One failure as counted: the failures in a row of its user and its address, and the block it started, if any. */
    public record Failure(int userFailures, int sourceFailures, Optional<Duration> blockedFor) {
    }

    private final Settings settings;
    private final Clock clock;
    private final Counts users;
    private final Counts sources;

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.users = new Counts(settings.userFreeFailures());
        this.sources = new Counts(settings.sourceFreeFailures());
    }

    /** How much longer logins of {@code user} or from {@code source} are refused; empty when they may be tried. */
    public Optional<Duration> blocked(String user, String source) {
        Instant now = clock.instant();
        Duration longest = max(users.remaining(user, now), sources.remaining(source, now));
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public Failure failed(String user, String source) {
        Instant now = clock.instant();
        Counts.Count user1 = users.fail(user, now);
        Counts.Count source1 = sources.fail(source, now);
        Duration started = max(user1.blockStarted(), source1.blockStarted());
        return new Failure(user1.failures(), source1.failures(), started.isZero() ? Optional.empty() : Optional.of(started));
    }

    public void succeeded(String user) {
        users.forget(user);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Failure counts by key, least recently failed first. */
    private final class Counts {
        private final int free;
        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
            // Counts.Entry, not Entry: inside this subclass javac 25 reads a bare Entry as LinkedHashMap's own
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counts.Entry> eldest) {
                return size() > settings.tracked();
            }
        };

        private static final class Entry {
            int failures;
            Instant last;
            Instant blockedUntil = Instant.EPOCH;
        }

        record Count(int failures, Duration blockStarted) {
        }

        Counts(int free) {
            this.free = free;
        }

        synchronized Duration remaining(String key, Instant now) {
            Entry entry = entries.get(key);
            return entry == null || !entry.blockedUntil.isAfter(now) ? Duration.ZERO : Duration.between(now, entry.blockedUntil);
        }

        synchronized Count fail(String key, Instant now) {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry());
            if (entry.last != null && Duration.between(entry.last, now).compareTo(settings.forgetAfter()) > 0) {
                entry.failures = 0;
            }
            entry.failures++;
            entry.last = now;
            if (entry.failures <= free) {
                return new Count(entry.failures, Duration.ZERO);
            }
            int doublings = Math.min(entry.failures - free - 1, 30);
            Duration block = settings.firstBlock().multipliedBy(1L << doublings);
            if (block.compareTo(settings.longestBlock()) > 0) {
                block = settings.longestBlock();
            }
            entry.blockedUntil = now.plus(block);
            return new Count(entry.failures, block);
        }

        synchronized void forget(String key) {
            entries.remove(key);
        }
    }
}
