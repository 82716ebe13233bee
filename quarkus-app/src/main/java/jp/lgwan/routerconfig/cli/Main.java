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
        quietLogging();
        int status = Cli.run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Without Quarkus, nobody configures JBoss LogManager: every level is enabled and records pile
     * up in Quarkus' delayed handler, never printed. Hibernate Validator then formats a TRACE record
     * per constraint checked: on a 10,000-organization fleet that was a quarter of the run and
     * hundreds of megabytes of records nobody reads.
     */
    private static void quietLogging() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
}
