package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.render.RenderedConfig;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Virtual routers in a process of their own, for {@code serve --lab-dir}: they outlive a service
 * killed with -9, and several service instances push to the same ones. Boots every router of the
 * inventory the lab emulates with its config rendered at the inventory's git HEAD (exactly what
 * {@code serve --lab} boots), writes how to reach them into {@code --dir}, and runs until SIGTERM
 * or Ctrl-C, when it removes what it wrote. Plain Java: Quarkus is not booted. The lab is found at
 * run time ({@link VirtualRouters}); the product does not import it.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Runs virtual routers for the inventory until stopped (SIGTERM, Ctrl-C), for `serve --lab-dir DIR`: a demo and test lab, never real routers.",
                "Each runs its config rendered at the git HEAD of the repository that holds --inventory (outside git: the folders as they are).",
                "Writes DIR/" + VirtualRouters.DIRECTORY_FILE + " (each router's loopback SSH and SNMP ports and SSH host key) and, readable by their owner only, "
                        + "DIR/" + VirtualRouters.OPERATOR_KEY_FILE + " and DIR/" + VirtualRouters.SNMP_KEYS_FILE + "; removes them on exit."})
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    SourceFolders folders;

    @picocli.CommandLine.Mixin
    AsOfOption asOf;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/lab", description = "where to write how to reach the routers (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException, DeviceException {
        if (!Files.isDirectory(folders.inventory())) {
            throw new Cli.UsageException("no inventory folder at " + folders.inventory().toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(folders.templates())) {
            throw new Cli.UsageException("no templates folder at " + folders.templates().toAbsolutePath().normalize());
        }
        VirtualRouters labs = VirtualRouters.find().orElseThrow(() -> new Cli.UsageException("this build has no lab (virtual routers)"));
        Path target = dir.toAbsolutePath().normalize();
        OptionalLong before = labs.runningIn(target);
        if (before.isPresent() && before.getAsLong() != ProcessHandle.current().pid()) {
            throw new Cli.UsageException("a lab (process " + before.getAsLong() + ") already runs in " + target + "; stop it or choose another --dir");
        }
        InventoryRevision head = load();
        VirtualRouters.Lab fleet = labs.start(head.inventory(), router -> head.config(router.hostname()).map(RenderedConfig::text), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                labs.unpublish(target);
            } catch (IOException e) {
                System.err.println("lab: cannot remove " + target + ": " + e.getMessage());
            } finally {
                fleet.close();
                stopped.countDown();
            }
        }, "lab-stop"));
        try {
            labs.publish(fleet, target, head.commit(), ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new Cli.UsageException("cannot write the lab's files into " + target + ": " + e.getMessage());
        }
        int routers = head.inventory().routerCount();
        spec.commandLine().getOut().printf("lab: %s (of %d in the inventory) for %s; how to reach them: %s%n",
                fleet.describe(), routers, head.commit(), target.resolve(VirtualRouters.DIRECTORY_FILE));
        spec.commandLine().getOut().printf("lab: serve --lab-dir %s pushes to them; stop with Ctrl-C or SIGTERM%n", dir);
        spec.commandLine().getOut().flush();
        stopped.await();
        return Cli.OK;
    }

    /** The inventory at git HEAD with every router's config rendered, read as the service reads it. */
    private InventoryRevision load() {
        LiveInventory live;
        try {
            live = new LiveInventory(folders.inventory(), folders.templates(), Clock.systemUTC(), java.util.Optional.ofNullable(asOf.asOf));
        } catch (ChangeRefused | LiveInventory.NothingToServe e) {
            throw new Cli.UsageException(e.getMessage());
        }
        live.repository().ifPresent(Repository::close);
        if (!live.inGit()) {
            spec.commandLine().getErr().println("lab: " + folders.inventory() + " is not inside a git repository; booting the folder as it is");
        }
        return live.current();
    }
}
