package jp.lgwan.routerconfig.change;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import jp.lgwan.routerconfig.render.RenderedConfig;
import org.jboss.logging.Logger;

/** Keeps {@link RouterBaseline}: what each router is taken to run. */
@ApplicationScoped
public class BaselineStore {

    private static final Logger LOG = Logger.getLogger(BaselineStore.class);

    private final LiveInventory inventory;
    private final Clock clock;

    public BaselineStore(LiveInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * The very first start takes the fleet to run what the inventory says at that commit; later a
     * rollout records what it found and pushed. Routers added to the inventory later have no
     * baseline: their first change shows their whole config.
     */
    @Transactional
    void seed(@Observes StartupEvent event) {
        if (RouterBaseline.count() > 0) {
            return;
        }
        InventoryRevision current = inventory.current();
        for (RenderedConfig config : current.configs().values()) {
            RouterBaseline baseline = new RouterBaseline();
            baseline.hostname = config.hostname();
            baseline.revision = current.commit();
            baseline.config = config.text();
            baseline.source = RouterBaseline.Source.ASSUMED;
            baseline.recordedAt = clock.instant();
            baseline.persist();
        }
        LOG.infof("baseline seeded for %d routers from %s", current.configs().size(), current.commit());
    }

    /** A rollout verified that {@code hostname} runs its config rendered at {@code revision} (null: the current one): that is its baseline now. */
    @Transactional
    public void recordPushed(String hostname, String revision, Instant verifiedAt) {
        InventoryRevision at = revision == null ? inventory.current() : inventory.at(revision);
        at.config(hostname).ifPresent(config -> {
            RouterBaseline baseline = RouterBaseline.findById(hostname);
            if (baseline == null) {
                baseline = new RouterBaseline();
                baseline.hostname = hostname;
            }
            baseline.revision = at.commit();
            baseline.config = config.text();
            baseline.source = RouterBaseline.Source.PUSHED;
            baseline.recordedAt = verifiedAt;
            baseline.persist();
        });
    }

    /** The config text {@code hostname} is taken to run, where there is one. */
    @Transactional
    public Optional<String> configOf(String hostname) {
        RouterBaseline baseline = RouterBaseline.findById(hostname);
        return baseline == null ? Optional.empty() : Optional.of(baseline.config);
    }

    /** The config {@code hostname} is taken to run, with the model of the revision it came from where known. */
    public Optional<RenderedConfig> baselineOf(String hostname, String profile) {
        RouterBaseline baseline = RouterBaseline.findById(hostname);
        if (baseline == null) {
            return Optional.empty();
        }
        jp.lgwan.routerconfig.render.RouterModel model = null;
        if (baseline.revision != null) {
            model = inventory.at(baseline.revision).config(hostname).map(RenderedConfig::model).orElse(null);
        }
        return Optional.of(new RenderedConfig(hostname, profile, baseline.config, model));
    }
}
