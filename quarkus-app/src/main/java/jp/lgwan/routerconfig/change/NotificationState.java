package jp.lgwan.routerconfig.change;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a change notification stands. The moves allowed are the whole state machine; anything
 * else is refused. A notification goes back from SCHEDULED to ACCEPTED only when its window is
 * cancelled, so that it can be scheduled into another. It is withdrawn (取下げ) before it is scheduled:
 * once in a window, the operating body takes it out first (cancelling the window).
 */
public enum NotificationState {
    RECEIVED, ACCEPTED, REJECTED, SCHEDULED, IN_PROGRESS, COMPLETED, ROLLED_BACK, FAILED, CLOSED,
    /** Taken back by whoever filed it (its organization, or the operating body for it) before it was scheduled. */
    WITHDRAWN;

    public Set<NotificationState> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(ACCEPTED, REJECTED, WITHDRAWN);
            case ACCEPTED -> EnumSet.of(SCHEDULED, WITHDRAWN);
            case REJECTED, COMPLETED, ROLLED_BACK, FAILED -> EnumSet.of(CLOSED);
            case SCHEDULED -> EnumSet.of(IN_PROGRESS, ACCEPTED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, ROLLED_BACK, FAILED);
            case CLOSED, WITHDRAWN -> EnumSet.noneOf(NotificationState.class);
        };
    }

    public boolean canMoveTo(NotificationState target) {
        return next().contains(target);
    }
}
