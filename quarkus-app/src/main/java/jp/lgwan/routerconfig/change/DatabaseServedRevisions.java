package jp.lgwan.routerconfig.change;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/** {@link ServedRevisions} as rows of {@code served_revision}. */
@ApplicationScoped
public class DatabaseServedRevisions implements ServedRevisions {

    private final Clock clock;

    public DatabaseServedRevisions(Clock clock) {
        this.clock = clock;
    }

    @Override
    @Transactional
    public void record(String commit, String servedBy) {
        if (lastServed().filter(commit::equals).isPresent()) {
            return;
        }
        ServedRevision served = new ServedRevision();
        served.commit = commit;
        served.servedAt = clock.instant();
        served.servedBy = servedBy;
        served.persist();
    }

    @Override
    @Transactional
    public Optional<String> lastServed() {
        return ServedRevision.<ServedRevision>findAll(Sort.descending("id")).firstResultOptional().map(r -> r.commit);
    }
}
