package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.HostSettings;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import jp.lgwan.routerconfig.rollout.RolloutPolicy;
import jp.lgwan.routerconfig.rollout.RouterPush;
import jp.lgwan.routerconfig.rollout.StepEvidence;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A dry run of one router's push for template authors (Ansible's {@code --check --diff} and NAPALM's
 * {@code compare_config}, but applied): a virtual router of the lab started for the purpose runs the
 * router's config at {@code --base}; the config at {@code --head} is pushed to it by the service's own
 * {@link RouterPush} — pre-check, backup, compare, the plan, commit under the revert timer, post-check —
 * and then rolled back whatever the checks said. No notification, no window, never a real router: a real
 * push goes through a change notification and an approved window of the service. Every step is printed
 * as it is recorded, with what really happened; nothing is ever confirmed or saved. Plain Java: Quarkus is
 * not booted.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"A dry run for template authors: pushes ROUTER's config at --head to a virtual router of the lab booted with its config"
                + " at --base, shows the plan, verifies it over SNMP as a window would, and rolls it back. Never a real router; no notification.",
                "Exit status: 0 the change applied, passed its checks and was rolled back (or there was nothing to push); 1 the inventory or"
                        + " a template is invalid at a revision; 2 usage; 4 the change failed on the lab router (refused, checks failed, or the"
                        + " rollback did not restore it)."})
final class PushCommand implements Callable<Integer> {

    /** Exit status: the change failed on the lab router. */
    static final int FAILED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", required = true, description = "required: a real push goes through a change notification and an approved window of the service")
    boolean dryRun;

    @Parameters(paramLabel = "ROUTER", description = "the router's hostname")
    String hostname;

    @Option(names = "--base", paramLabel = "REV", required = true, description = "what the lab router runs first: the router's config at this revision (main, HEAD~1 ...)")
    String base;

    @Option(names = "--head", paramLabel = "REV", defaultValue = "HEAD", description = "the revision whose config is pushed (default: ${DEFAULT-VALUE}; commit your edit first)")
    String head;

    @picocli.CommandLine.Mixin
    SourceFolders folders;


    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "2s",
            description = "wait after the commit before each post-check poll, as the service's lgwan.rollout.settle (default: ${DEFAULT-VALUE})")
    String settle;

    @Override
    public Integer call() throws IOException, DeviceException {
        PrintWriter out = spec.commandLine().getOut();
        Duration settleFor = duration(settle);
        if (!Files.isDirectory(folders.inventory())) {
            throw new Cli.UsageException("no inventory folder at " + folders.inventory().toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(folders.templates())) {
            throw new Cli.UsageException("no templates folder at " + folders.templates().toAbsolutePath().normalize());
        }
        VirtualRouters labs = VirtualRouters.find().orElseThrow(() -> new Cli.UsageException("this build has no lab (virtual routers)"));
        LiveInventory live;
        InventoryRevision from;
        InventoryRevision to;
        try {
            live = new LiveInventory(folders.inventory(), folders.templates(), Clock.systemUTC());
            if (!live.inGit()) {
                throw new Cli.UsageException(folders.inventory() + " is not inside a git repository: --base and --head name revisions");
            }
            from = live.at(base);
            to = live.at(head);
        } catch (ChangeRefused e) {
            if ("unknown-revision".equals(e.type())) {
                throw new Cli.UsageException(e.getMessage());
            }
            spec.commandLine().getErr().println("push: " + e.getMessage());
            return Cli.INVALID;
        } catch (LiveInventory.NothingToServe e) {
            spec.commandLine().getErr().println("push: " + e.getMessage());
            return Cli.INVALID;
        }
        live.repository().ifPresent(Repository::close);
        ConnectionRouter router = to.router(hostname).orElseThrow(() -> new Cli.UsageException("no router " + hostname + " in the inventory at "
                + head + " (" + to.commit() + ")"));
        String booted = from.config(hostname).map(RenderedConfig::text).orElseThrow(() -> new Cli.UsageException(hostname
                + " has no config at " + base + " (" + from.commit() + "): not in its inventory, or it does not render there"));
        Optional<RenderedConfig> pushed = to.config(hostname);
        if (pushed.isEmpty()) {
            spec.commandLine().getErr().println("push: " + hostname + " does not render at " + head + " (" + to.commit() + "): "
                    + to.problems().stream().filter(p -> hostname.equals(p.router())).map(p -> p.format()).findFirst().orElse("see validate"));
            return Cli.INVALID;
        }
        Dialect dialect = to.dialect(router.vendorProfile());
        out.printf("push --dry-run %s (%s): the lab router runs its config at %s (%s), the config at %s (%s) is pushed, checked and rolled back%n",
                hostname, router.vendorProfile(), base, short12(from.commit()), head, short12(to.commit()));
        // the lab models the world as it is before the change (the base's termination devices): what the window will meet
        try (VirtualRouters.Lab lab = labs.start(from.inventory(), r -> r.hostname().equals(hostname) ? Optional.of(booted) : Optional.empty(),
                Clock.systemUTC());
             SnmpProbe probe = new SnmpProbe()) {
            ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "dry-run-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            try {
                RouterPush.Target target = new RouterPush.Target(hostname, lab.resolveSecrets(pushed.get().text()), dialect,
                        Verification.IntendedWan.of(to.inventory(), router), lab.access(router), HostSettings.changes(dialect, booted, pushed.get().text()));
                PrintingLedger ledger = new PrintingLedger(out);
                RouterPush push = new RouterPush(probe, watchdogs, RolloutPolicy.defaults(settleFor, "dry-run"), Clock.systemUTC());
                RouterPush.Outcome outcome = push.dryRun(target, ledger);
                return verdict(out, outcome);
            } finally {
                watchdogs.shutdownNow();
            }
        } catch (DeviceException e) {
            // the lab router could not be reached or started: nothing was pushed
            spec.commandLine().getErr().println("push: " + e.getMessage());
            return FAILED;
        }
    }

    private static int verdict(PrintWriter out, RouterPush.Outcome outcome) {
        if (outcome.state() == State.ALREADY_COMPLIANT) {
            out.println("result: nothing to push: the lab router already runs the config at the head revision (nothing was typed)");
            return Cli.OK;
        }
        if (outcome.state() == State.HOST_PENDING) {
            out.println("result: nothing typed: the router's lines already match; " + outcome.reason());
            return Cli.OK;
        }
        if (outcome.state() == State.ROLLED_BACK && outcome.failedChecks().isEmpty() && outcome.reason().startsWith(RouterPush.DRY_RUN_PASSED)) {
            out.println("result: PASSED: the change applied and passed its post-check; it was rolled back (never confirmed, never saved)");
            return Cli.OK;
        }
        out.println("result: FAILED (" + outcome.state() + "): " + outcome.reason());
        return FAILED;
    }

    private static String short12(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}: as the service's duration properties are written. */
    private static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})(ms|s|m)").matcher(text);
        if (!m.matches()) {
            throw new Cli.UsageException("--settle " + text + " is not a duration (500ms, 2s, 1m)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** Each step printed as the push records it: its name, outcome and what matters of its evidence (commands, diff, checks). */
    static final class PrintingLedger implements RouterPush.Ledger {

        private final PrintWriter out;
        private String backup;

        PrintingLedger(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void step(State state, String name, String outcome, StepEvidence evidence) {
            out.printf("%-11s %s%n", name, outcome);
            if (evidence instanceof StepEvidence.Compared compared && !compared.diff().isBlank()) {
                compared.diff().lines().forEach(line -> out.println("    " + line));
            } else if (evidence instanceof StepEvidence.Plan plan) {
                plan.commands().forEach(command -> out.println("    > " + command));
            } else if (evidence instanceof StepEvidence.PreCheck preCheck) {
                printChecks(preCheck.checks());
            } else if (evidence instanceof StepEvidence.PostCheck postCheck) {
                printChecks(postCheck.checks());
            } else if (evidence instanceof StepEvidence.ReturnChecked returnCheck) {
                printChecks(returnCheck.checks());
            } else if (evidence instanceof StepEvidence.Failure failure) {
                out.println("    error: " + failure.error());
            } else if (evidence instanceof StepEvidence.RolledBack rolledBack) {
                if (rolledBack.error() != null) {
                    out.println("    error: " + rolledBack.error());
                }
                if (rolledBack.runsBackup() != null) {
                    out.println("    the router runs its backup again: " + (rolledBack.restored() ? "yes" : "NO"));
                }
            } else if (evidence instanceof StepEvidence.HostPending host) {
                printHostChanges(host.hostChanges());
            } else if (evidence instanceof StepEvidence.Confirmed confirmed && confirmed.hostChanges() != null) {
                printHostChanges(confirmed.hostChanges());
            }
            out.flush();
        }

        private void printChecks(List<Verification.Check> checks) {
            for (Verification.Check check : checks) {
                out.printf("    %s %s: expected %s, found %s (%s)%n", check.passed() ? "ok  " : "FAIL", check.name(), check.expected(), check.actual(),
                        check.source());
            }
        }

        private void printHostChanges(List<String> host) {
            if (!host.isEmpty()) {
                out.println("    host settings this change holds, which a push does not apply: " + host);
            }
        }

        @Override
        public long backup(String runningConfig) {
            backup = runningConfig;
            return 0;
        }

        @Override
        public void guard(RouterDriver.Guard guard) {
            out.println("    guarded by " + (guard == RouterDriver.Guard.DEVICE_TIMER ? "the router's own revert timer" : "the service's watchdog"));
        }

        @Override
        public String backupConfig() {
            return backup;
        }
    }
}
