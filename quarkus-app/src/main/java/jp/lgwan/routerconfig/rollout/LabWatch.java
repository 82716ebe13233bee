package jp.lgwan.routerconfig.rollout;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether the lab process a service reaches its virtual routers through ({@code serve --lab-dir})
 * is still there, said once when it goes and once when it comes back (issue 17: "the lab stopping
 * is never logged"). Without it, a lab killed under a running service showed only as every push
 * and collection failing router by router with "the lab process … is gone".
 */
final class LabWatch {

    private final Path directory;
    private final BooleanSupplier running;
    private boolean wasRunning = true;

    LabWatch(Path directory, BooleanSupplier running) {
        this.directory = directory;
        this.running = running;
    }

    /** What to log now, if the lab's state changed since the last look. */
    synchronized Optional<Change> look() {
        boolean now = running.getAsBoolean();
        if (now == wasRunning) {
            return Optional.empty();
        }
        wasRunning = now;
        return Optional.of(now
                ? new Change(false, "lab: the lab process at " + directory + " is back: its routers can be reached again")
                : new Change(true, "lab: lost the lab process at " + directory + " (stopped or killed): its routers cannot be reached;"
                        + " start `lab --dir " + directory + "` again"));
    }

    /** A line to log, and whether it is a warning. */
    record Change(boolean warning, String message) {
    }
}
