package jp.lgwan.routerconfig.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import jp.lgwan.routerconfig.change.ChangeRefused;
import org.junit.jupiter.api.Test;

/** A connection application's state machine, move by move: every allowed move works, every other one is refused with 409. */
class ApplicationStateTest {

    @Test
    void theMovesAreThroughThePrefectureAndBack() {
        assertEquals(EnumSet.of(ApplicationState.FORWARDED), ApplicationState.COLLECTED.next());
        assertEquals(EnumSet.of(ApplicationState.ACCEPTED, ApplicationState.RETURNED), ApplicationState.FORWARDED.next());
        assertEquals(EnumSet.of(ApplicationState.ANSWERED), ApplicationState.ACCEPTED.next());
        assertEquals(EnumSet.of(ApplicationState.ANSWERED), ApplicationState.RETURNED.next());
        assertTrue(ApplicationState.ANSWERED.next().isEmpty());
    }

    @Test
    void everyOtherMoveIsRefusedAndChangesNothing() {
        int refused = 0;
        for (ApplicationState from : ApplicationState.values()) {
            for (ApplicationState to : ApplicationState.values()) {
                ConnectionApplication application = new ConnectionApplication();
                application.id = 5L;
                application.state = from;
                if (from.canMoveTo(to)) {
                    application.moveTo(to);
                    assertEquals(to, application.state);
                } else {
                    ChangeRefused e = assertThrows(ChangeRefused.class, () -> application.moveTo(to));
                    assertEquals(409, e.status());
                    assertEquals(from, application.state);
                    refused++;
                }
            }
        }
        assertEquals(25 - 5, refused);
    }
}
