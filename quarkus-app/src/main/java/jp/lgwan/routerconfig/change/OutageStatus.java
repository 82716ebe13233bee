package jp.lgwan.routerconfig.change;

import java.util.EnumSet;
import java.util.Set;

/** Where a planned-outage window stands; the moves allowed are the whole state machine. */
public enum OutageStatus {
    REQUESTED, APPROVED, IN_PROGRESS, COMPLETED, MISSED, CANCELLED,
    /** Taken back (取下げ) by whoever requested it, before an operator approved it; an approved window is cancelled instead. */
    WITHDRAWN;

    public Set<OutageStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(APPROVED, CANCELLED, WITHDRAWN);
            case APPROVED -> EnumSet.of(IN_PROGRESS, MISSED, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED);
            case COMPLETED, MISSED, CANCELLED, WITHDRAWN -> EnumSet.noneOf(OutageStatus.class);
        };
    }

    public boolean canMoveTo(OutageStatus target) {
        return next().contains(target);
    }

    /** A window in one of these states holds its routers' time: another window may not overlap it. */
    public boolean holdsTime() {
        return this == REQUESTED || this == APPROVED || this == IN_PROGRESS;
    }
}
