package jp.lgwan.routerconfig.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one API request may carry ({@code lgwan.api.*}), refused as problem+json by {@link RequestLimits}. Quarkus's own
 * limits ({@code quarkus.http.limits.*}, application.properties) are set above these so that ours speak first.
 */
@ConfigMapping(prefix = "lgwan.api")
public interface ApiLimits {

    /** A body longer than this many bytes is refused with 413. */
    @WithDefault("1048576")
    long maxBodySize();

    /** A request target (path and query) longer than this many characters is refused with 414. */
    @WithDefault("4096")
    int maxTargetLength();
}
