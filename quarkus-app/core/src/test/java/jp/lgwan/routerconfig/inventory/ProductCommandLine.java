package jp.lgwan.routerconfig.inventory;

import java.io.PrintWriter;
import java.util.ServiceLoader;

/**
 * The product's command line, run in this JVM by {@link TestInventory#cli}. It lives in the service
 * module, which depends on this one: the service's tests provide it through {@code META-INF/services}.
 */
public interface ProductCommandLine {

    int run(PrintWriter out, PrintWriter err, String... args);

    static ProductCommandLine find() {
        return ServiceLoader.load(ProductCommandLine.class).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ProductCommandLine.class.getName() + " on the test class path (the CLI's tests provide it)"));
    }
}
