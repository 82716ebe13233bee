package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two state machines, move by move: every allowed move works, every other one is refused with 409. */
class LifecycleTest {

    @Test
    void notificationMovesAreExactlyTheIssuesStateMachine() {
        // withdrawn (issue 15) by its organization, or the operating body, before it is scheduled
        assertEquals(EnumSet.of(NotificationState.ACCEPTED, NotificationState.REJECTED, NotificationState.WITHDRAWN),
                NotificationState.RECEIVED.next());
        assertEquals(EnumSet.of(NotificationState.SCHEDULED, NotificationState.WITHDRAWN), NotificationState.ACCEPTED.next());
        assertEquals(EnumSet.of(NotificationState.CLOSED), NotificationState.REJECTED.next());
        assertEquals(EnumSet.of(NotificationState.IN_PROGRESS, NotificationState.ACCEPTED), NotificationState.SCHEDULED.next());
        assertEquals(EnumSet.of(NotificationState.COMPLETED, NotificationState.ROLLED_BACK, NotificationState.FAILED),
                NotificationState.IN_PROGRESS.next());
        for (NotificationState end : EnumSet.of(NotificationState.COMPLETED, NotificationState.ROLLED_BACK, NotificationState.FAILED)) {
            assertEquals(EnumSet.of(NotificationState.CLOSED), end.next());
        }
        assertTrue(NotificationState.CLOSED.next().isEmpty());
        assertTrue(NotificationState.WITHDRAWN.next().isEmpty());
    }

    @Test
    void everyIllegalNotificationMoveIsRefusedAndChangesNothing() {
        int refused = 0;
        for (NotificationState from : NotificationState.values()) {
            for (NotificationState to : NotificationState.values()) {
                ChangeNotification notification = new ChangeNotification();
                notification.id = 7L;
                notification.state = from;
                if (from.next().contains(to)) {
                    notification.moveTo(to);
                    assertEquals(to, notification.state);
                } else {
                    ChangeRefused e = assertThrows(ChangeRefused.class, () -> notification.moveTo(to), from + " -> " + to);
                    assertEquals(409, e.status());
                    assertTrue(e.getMessage().contains(from.name()) && e.getMessage().contains(to.name()), e.getMessage());
                    assertEquals(from, notification.state);
                    refused++;
                }
            }
        }
        assertEquals(100 - 14, refused);
    }

    @Test
    void everyIllegalOutageMoveIsRefused() {
        Set<OutageStatus> holding = EnumSet.of(OutageStatus.REQUESTED, OutageStatus.APPROVED, OutageStatus.IN_PROGRESS);
        for (OutageStatus from : OutageStatus.values()) {
            assertEquals(holding.contains(from), from.holdsTime(), from.name());
            for (OutageStatus to : OutageStatus.values()) {
                PlannedOutage outage = new PlannedOutage();
                outage.id = 3L;
                outage.status = from;
                if (from.next().contains(to)) {
                    outage.moveTo(to);
                    assertEquals(to, outage.status);
                } else {
                    ChangeRefused e = assertThrows(ChangeRefused.class, () -> outage.moveTo(to));
                    assertEquals(409, e.status());
                    assertEquals(from, outage.status);
                }
            }
        }
        assertEquals(EnumSet.of(OutageStatus.APPROVED, OutageStatus.CANCELLED, OutageStatus.WITHDRAWN), OutageStatus.REQUESTED.next());
        assertTrue(OutageStatus.WITHDRAWN.next().isEmpty());
        assertEquals(EnumSet.of(OutageStatus.IN_PROGRESS, OutageStatus.MISSED, OutageStatus.CANCELLED), OutageStatus.APPROVED.next());
    }
}
