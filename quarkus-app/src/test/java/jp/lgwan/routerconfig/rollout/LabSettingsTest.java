package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code lgwan.lab.*}: its defaults declared once (no lab: the real routers), and the keys {@code serve --lab}/{@code --lab-dir} set. */
class LabSettingsTest {

    private static LabSettings read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(LabSettings.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(LabSettings.class);
    }

    @Test
    void unsetItIsTheRealRouters() {
        LabSettings lab = read(Map.of());
        assertFalse(lab.enabled());
        assertEquals(Optional.empty(), lab.directory());
        assertEquals(Optional.empty(), lab.publishDirectory());
    }

    @Test
    void serveLabAndServeLabDirSetTheirKeys() {
        LabSettings inProcess = read(Map.of("lgwan.lab.enabled", "true", "lgwan.lab.publish-directory", "/var/lib/lgwan/lab"));
        assertTrue(inProcess.enabled());
        assertEquals(Optional.of(Path.of("/var/lib/lgwan/lab")), inProcess.publishDirectory());
        assertEquals(Optional.of(Path.of("/srv/lab")), read(Map.of("lgwan.lab.directory", "/srv/lab")).directory());
    }
}
