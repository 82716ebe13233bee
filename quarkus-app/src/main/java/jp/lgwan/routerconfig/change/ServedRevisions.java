package jp.lgwan.routerconfig.change;

import java.util.Optional;

/** The revisions the service began to serve, each valid when it did (kept in PostgreSQL by {@link DatabaseServedRevisions}). */
public interface ServedRevisions {

    /** {@code commit} is now served, loaded by {@code servedBy} (a user's reload, or the service's start). */
    void record(String commit, String servedBy);

    /** The newest revision served: what a start falls back on when HEAD does not load. */
    Optional<String> lastServed();

    /** No record (the {@code lab} command, which has no database): HEAD is served or nothing is. */
    ServedRevisions NONE = new ServedRevisions() {
        @Override
        public void record(String commit, String servedBy) {
            // nothing kept
        }

        @Override
        public Optional<String> lastServed() {
            return Optional.empty();
        }
    };
}
