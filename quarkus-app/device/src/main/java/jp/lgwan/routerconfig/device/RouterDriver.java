package jp.lgwan.routerconfig.device;

import java.time.Duration;
import java.util.Optional;
import jp.lgwan.routerconfig.render.ConfigDiff;

/**
 * One small lifecycle for every router, whatever its dialect (after NAPALM's driver contract):
 * open (the host key must match the pinned one), read the running config, load the intended
 * config as candidate, compare, commit with a revert timer, then confirm — or roll back.
 * Callers never see the dialect.
 */
public interface RouterDriver extends AutoCloseable {

    /** What protects an unconfirmed commit: the router's own revert timer, or the service's watchdog. */
    enum Guard { DEVICE_TIMER, SERVICE_WATCHDOG }

    void open() throws DeviceException;

    String runningConfig() throws DeviceException;

    /** What a save typed and what the router answered (recorded with the push). */
    record Saved(String command, String output) {
    }

    /**
     * The intended config (as rendered) to push by the next {@link #commit(Duration)}. It also says
     * what the project owns on this router (the dialect's {@code owned:} rules, its sections): only
     * that part of the running config is compared, typed or undone.
     */
    void loadCandidate(String intendedConfig);

    /**
     * A backup (a running config read before a push) to restore by the next {@link #commit(Duration)},
     * within what {@code intendedConfig} owns: only the owned lines the push may have changed go back.
     */
    void loadBackup(String backup, String intendedConfig);

    /** The exact commands the next {@link #commit(Duration)} would type, in order: recorded before they are typed. */
    PushPlan plan(Duration revertIn) throws DeviceException;

    /**
     * The difference between the running config and the candidate, normalized for the dialect: the
     * running config as {@link #runningConfig()} last read it, read again only when this driver has
     * changed the router since.
     */
    ConfigDiff compare() throws DeviceException;

    /** Applies the candidate so that it reverts by itself unless confirmed within {@code revertIn}; says what guards it. */
    Guard commit(Duration revertIn) throws DeviceException;

    void confirm() throws DeviceException;

    /**
     * Makes the confirmed change what the router boots with (IOS-XE, NEC IX, FRR {@code write memory},
     * Yamaha {@code save}); called only after {@link #confirm()}, so an unconfirmed change never
     * survives a reload. Returns the command typed (empty where the commit already persisted it: Junos) and what the
     * router answered; a save the router did not confirm fails.
     */
    Saved save() throws DeviceException;

    /** Restores the config from before the last commit, now. */
    void rollback() throws DeviceException;

    /**
     * What the CLI shows of one interface, for the post-check facts the platform does not expose over
     * SNMP (the dialect's {@code cli.interface_status}); empty where the dialect reads everything over SNMP.
     */
    Optional<InterfaceFacts> interfaceFacts(String interfaceName) throws DeviceException;

    /**
     * The router pings {@code address} with its dialect's command ({@code cli.ping}), over its routes (the WAN towards
     * the node or access point its line reaches); empty where the dialect names no ping command.
     */
    Optional<Reachability> ping(String address) throws DeviceException;

    @Override
    void close();
}
