package jp.lgwan.routerconfig.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** After every {@code @QuarkusTest} method: the service's clock is the system clock again, whatever the test did to it. */
public class ClockReset implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        Arc.container().instance(MovableClock.class).get().reset();
    }
}
