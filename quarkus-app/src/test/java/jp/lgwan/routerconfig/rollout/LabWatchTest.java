package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The lab a service attaches to going and coming back is said once each (issue 17), not at every look and not while it runs. */
class LabWatchTest {

    @Test
    void aLostLabIsSaidOnceAndItsReturnOnce() {
        AtomicBoolean running = new AtomicBoolean(true);
        LabWatch watch = new LabWatch(Path.of("/srv/lab"), running::get);
        List<Optional<LabWatch.Change>> looks = new ArrayList<>();
        looks.add(watch.look());
        running.set(false);
        looks.add(watch.look());
        looks.add(watch.look());
        running.set(true);
        looks.add(watch.look());
        looks.add(watch.look());
        assertEquals(List.of(Optional.empty(),
                Optional.of(new LabWatch.Change(true, "lab: lost the lab process at /srv/lab (stopped or killed): its routers cannot be"
                        + " reached; start `lab --dir /srv/lab` again")),
                Optional.empty(),
                Optional.of(new LabWatch.Change(false, "lab: the lab process at /srv/lab is back: its routers can be reached again")),
                Optional.empty()), looks);
    }
}
