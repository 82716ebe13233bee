package jp.lgwan.routerconfig.change;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.RenderProblem;
import jp.lgwan.routerconfig.render.RenderedConfig;

/**
 * The inventory as it was at one git commit, with every router's intended config rendered from
 * the templates of the same commit. Immutable: the service swaps a whole one in on reload.
 *
 * @param commit   the git commit, or {@value LiveInventory#WORKING_TREE} where the inventory is not in git
 * @param dialects by vendor profile, read from the same commit's templates
 */
public record InventoryRevision(String commit, Inventory inventory, Map<String, RenderedConfig> configs, Map<String, Dialect> dialects,
                                List<RenderProblem> problems, Instant loadedAt) {

    public Optional<RenderedConfig> config(String hostname) {
        return Optional.ofNullable(configs.get(hostname));
    }

    public Optional<ConnectionRouter> router(String hostname) {
        return inventory.router(hostname);
    }

    public Dialect dialect(String profile) {
        return dialects.getOrDefault(profile, Dialect.PLAIN);
    }
}
