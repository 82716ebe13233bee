package jp.lgwan.routerconfig.lab;

import java.util.List;

/**
 * A device whose running config becomes its startup config only when saved ({@code write memory},
 * Yamaha {@code save}): it boots with what it was started with, and a reload (not emulated) would
 * bring back what was last saved. Junos is not one: its commit is what it boots with.
 */
abstract class SavingDevice implements EmulatedDevice {

    private List<String> startup;

    @Override
    public synchronized List<String> startupConfig() {
        return startup;
    }

    /** The save command: the running config becomes what the device boots with (also how a device records its boot config). */
    synchronized void save() {
        startup = runningConfig();
    }

    /** Whether the running config differs from what a reload would boot. */
    synchronized boolean unsaved() {
        return !runningConfig().equals(startup);
    }
}
