package jp.lgwan.routerconfig.cli;

import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point of {@code quarkus-run.jar}. The CI-facing commands run as plain Java over the
 * framework-free packages and never boot Quarkus, so they start in a tenth of a second and open no
 * database, listener or scheduler.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        int status = Cli.run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
