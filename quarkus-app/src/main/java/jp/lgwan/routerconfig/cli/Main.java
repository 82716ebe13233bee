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

    /** The Java this program is built for (the parent pom's {@code maven.compiler.release}). */
    static final int JAVA = 25;

    public static void main(String... args) {
        String tooOld = javaTooOld(Runtime.version().feature(), System.getProperty("java.home"));
        if (tooOld != null) {
            System.err.println(tooOld);
            System.exit(Cli.USAGE);
        }
        quietLogging();
        int status = Cli.run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * The one line an older Java gets, or null. This class alone is compiled for Java 17 (the
     * module's pom), so that such a Java runs this check before it meets a class it cannot read.
     */
    static String javaTooOld(int feature, String javaHome) {
        return feature >= JAVA ? null
                : "lgwan-config: needs Java " + JAVA + " or later, and this is Java " + feature + " (" + javaHome
                        + "): set JAVA_HOME to a Java " + JAVA + " (README \"Set up\")";
    }

    /**
     * Without Quarkus, nobody configures JBoss LogManager: every level is enabled and records pile
     * up in Quarkus' delayed handler, never printed. Hibernate Validator then formats a TRACE record
     * per constraint checked: on a 10,000-organization fleet that was a quarter of the run and
     * hundreds of megabytes of records nobody reads.
     */
    public static void quietLogging() {
        // The jar's entry point names JBoss LogManager as java.util.logging's manager; a launch on a plain class path
        // (the tests, an IDE) did not, and from Java 21 System.exit asks System.getLogger for its own logger, which
        // JBoss LogManager's LoggerFinder answers with an ERROR line on stderr about the missing property: one manager
        // for both launches, set before anything touches java.util.logging.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
}
