package jp.lgwan.routerconfig.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the service's routers are virtual ({@code lgwan.lab.*}, {@link Devices}): a lab in this process, another process's
 * lab, or neither (the real routers). {@code serve --lab} and {@code serve --lab-dir} set them; the tests' profile sets
 * {@code enabled}.
 */
@ConfigMapping(prefix = "lgwan.lab")
public interface LabSettings {

    /** A lab of virtual routers started in this process for the inventory ({@code serve --lab}); excludes {@link #directory}. */
    @WithDefault("false")
    boolean enabled();

    /** The folder of a {@code lab} process whose virtual routers this one reaches ({@code serve --lab-dir DIR}); excludes {@link #enabled}. */
    Optional<Path> directory();

    /**
     * Where a lab started in this process writes what {@code lab --dir} writes ({@code lab.json}, {@code operator-key},
     * {@code snmp-keys}; {@code serve --lab}: DATA/lab), so that its routers can be reached by hand, or by another instance's
     * {@code serve --lab-dir}.
     */
    Optional<Path> publishDirectory();
}
