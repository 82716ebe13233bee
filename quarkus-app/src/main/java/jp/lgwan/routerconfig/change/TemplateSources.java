package jp.lgwan.routerconfig.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;

/** Where the service's templates come from ({@code lgwan.templates}), read by {@link LiveInventory}. */
@ConfigMapping(prefix = "lgwan.templates")
public interface TemplateSources {

    /** The templates folder, one folder per vendor profile, in the same git repository as the inventory. */
    @WithParentName
    @WithDefault("templates")
    Path folder();
}
