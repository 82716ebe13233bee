package jp.lgwan.routerconfig.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the service's inventory comes from and how it is loaded ({@code lgwan.inventory} and {@code lgwan.inventory.*}),
 * read by {@link LiveInventory} with {@link TemplateSources} and {@link RenderSettings}.
 *
 * <p>{@code lgwan.inventory} is both the folder and the parent of its loading settings: the folder is the mapping's
 * own name ({@link WithParentName}). A mapping at {@code lgwan} holding every key was tried: SmallRye Config then
 * refuses every other {@code lgwan.*} key as not mapped (SRCFG00050).
 */
@ConfigMapping(prefix = "lgwan.inventory")
public interface InventorySources {

    /** The inventory folder (organizations/, reference/), inside the git repository whose HEAD is served. */
    @WithParentName
    @WithDefault("inventory")
    Path folder();

    /** The day end-of-support and dated rules are judged as of; unset: today in Japan. */
    Optional<LocalDate> asOf();

    /** Heap the loaded revisions other than the served one may hold; unset: an eighth of the JVM's maximum heap. */
    Optional<Long> revisionCacheBytes();

    /** Where the served revision is kept per commit for a fast restart ({@code serve} sets DATA/inventory-snapshots); unset: none. */
    Optional<Path> snapshotDirectory();
}
