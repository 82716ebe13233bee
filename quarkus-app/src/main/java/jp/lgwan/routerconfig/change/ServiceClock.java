package jp.lgwan.routerconfig.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The clock of every rule and record; one place so that tests of time-bound rules can see what it says. */
@ApplicationScoped
public class ServiceClock {

    private static final Logger LOG = Logger.getLogger(ServiceClock.class);

    /**
     * The system clock; or, with {@code lgwan.clock.starts-at}, a clock that read that instant when
     * the service's process started and runs on from there (the process's start, not the end of
     * Quarkus's: whoever launches the service knows that moment to a few milliseconds and can tell
     * what the service's clock reads). That is for the tests that run the packaged service and for
     * demos on the sample inventory, whose OS releases reach their end of support: filings, the
     * 20-day rule, end of support and the windows' openings all follow it (Quartz fires by the system
     * clock at the moment this clock shows the opening). Never for real routers: the service logs it.
     */
    @Produces
    @jakarta.inject.Singleton
    Clock clock(@ConfigProperty(name = "lgwan.clock.starts-at") Optional<OffsetDateTime> startsAt) {
        if (startsAt.isEmpty()) {
            return Clock.systemUTC();
        }
        Instant processStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(processStarted, startsAt.get().toInstant()));
        LOG.warnf("the service's clock reads %s, not the system's %s: it started at %s (lgwan.clock.starts-at), for tests and demos only",
                clock.instant(), Instant.now(), startsAt.get());
        return clock;
    }
}
