package jp.lgwan.routerconfig.connection;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a connection application (接続申請) of an association stands. The moves allowed are the whole
 * state machine, owned by {@link ConnectionApplicationService}: the prefecture's collecting window
 * records it (COLLECTED) and forwards it (FORWARDED); the operating body accepts or returns it; the
 * prefecture passes the answer back to the association (ANSWERED).
 */
public enum ApplicationState {
    COLLECTED, FORWARDED, ACCEPTED, RETURNED, ANSWERED;

    public Set<ApplicationState> next() {
        return switch (this) {
            case COLLECTED -> EnumSet.of(FORWARDED);
            case FORWARDED -> EnumSet.of(ACCEPTED, RETURNED);
            case ACCEPTED, RETURNED -> EnumSet.of(ANSWERED);
            case ANSWERED -> EnumSet.noneOf(ApplicationState.class);
        };
    }

    public boolean canMoveTo(ApplicationState target) {
        return next().contains(target);
    }
}
