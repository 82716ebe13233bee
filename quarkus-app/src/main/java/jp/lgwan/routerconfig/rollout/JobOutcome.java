package jp.lgwan.routerconfig.rollout;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A job's state explained in one sentence, with how many of its routers are in each state: what
 * an operator reads first (the API's {@code outcome}, the console's headline). A window whose
 * routers were rolled back worked as it should; the sentence says so, and says how many.
 *
 * @param routersByState every router state present, by name, with its count (new states show up here as they come)
 */
public record JobOutcome(RolloutJob.State state, int routers, Map<String, Long> routersByState, String summary) {

    public static JobOutcome of(RolloutJob.State state, Collection<RolloutJobRouter.State> routerStates, String reason) {
        Map<String, Long> byState = new TreeMap<>();
        routerStates.forEach(s -> byState.merge(s.name(), 1L, Long::sum));
        int total = routerStates.size();
        long done = routerStates.stream().filter(RolloutJobRouter.State::terminal).count();
        long verified = routerStates.stream().filter(RolloutJobRouter.State::verified).count();
        long rolledBack = byState.getOrDefault(RolloutJobRouter.State.ROLLED_BACK.name(), 0L);
        String counts = byState.isEmpty() ? "no router"
                : byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        String summary = switch (state) {
            case PENDING -> "waiting to start: " + total + " routers";
            case RUNNING -> "running: " + done + " of " + total + " routers done (" + counts + ")";
            case COMPLETED -> total == 0 ? "completed: no router to change" : "completed: all " + total + " routers verified (" + counts + ")";
            case COMPLETED_WITH_ROLLBACKS -> "completed with rollbacks: " + rolledBack + " of " + total
                    + " routers rolled back to their backup, " + verified + " verified (" + counts + "); the window itself ran to its end";
            case COMPLETED_WITH_FAILURES -> "completed with failures: " + (total - verified - rolledBack) + " of " + total
                    + " routers neither verified nor rolled back (" + counts + "); the window itself ran to its end";
            case HALTED -> "halted" + (reason == null ? "" : ": " + reason) + " (" + counts + ")";
            case FAILED -> "failed: the window could not run" + (reason == null ? "" : ": " + reason) + " (" + counts + ")";
        };
        return new JobOutcome(state, total, byState, summary);
    }

    public static JobOutcome of(RolloutJob job) {
        return of(job.state, job.routers.stream().map(r -> r.state).toList(), job.haltedReason);
    }
}
