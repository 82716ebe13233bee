package jp.lgwan.routerconfig.cli;

import java.io.PrintWriter;
import jp.lgwan.routerconfig.inventory.ProductCommandLine;
import jp.lgwan.routerconfig.inventory.TestInventory;

/** The product's command line for {@link TestInventory#cli} (registered in the tests' {@code META-INF/services}). */
public final class ProductCommands implements ProductCommandLine {

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return Cli.run(out, err, args);
    }
}
