package jp.lgwan.routerconfig.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** The service face of the artifact: runs until SIGTERM or SIGINT. */
public final class ServiceApplication implements QuarkusApplication {

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
