package jp.lgwan.routerconfig.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock of every rule and record; one place so that tests of time-bound rules can see what it says. */
@ApplicationScoped
public class ServiceClock {

    @Produces
    @jakarta.inject.Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
