package jp.lgwan.routerconfig.bench;

import java.io.PrintWriter;
import jp.lgwan.routerconfig.cli.Cli;

/**
 * The bench's own entry point ({@code java -jar quarkus-app/bench/target/bench.jar}): not part of
 * the shipped product, which it runs from outside (its packaged jar), beside its own workers.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String... args) {
        // as the product's Main: without Quarkus nobody configures logging, and Hibernate Validator's TRACE records pile up unread
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
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
