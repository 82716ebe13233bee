package jp.lgwan.routerconfig.bench;

import java.io.PrintWriter;
import jp.lgwan.routerconfig.cli.Cli;
import jp.lgwan.routerconfig.cli.Main;

/**
 * The bench's own entry point ({@code java -jar quarkus-app/bench/target/bench.jar}): not part of
 * the shipped product, which it runs from outside (its packaged jar), beside its own workers.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String... args) {
        // as the product's Main: without Quarkus nobody configures logging (Hibernate Validator's TRACE records pile up
        // unread), and from Java 21 System.exit's logger printed an ERROR line about JBoss LogManager on every run
        Main.quietLogging();
        int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs {@code bench} with {@code args} (its options, or {@code bench-worker ...}) and answers its exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Cli.run(new BenchCommand(), out, err, args);
    }
}
