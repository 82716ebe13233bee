package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.SAPPORO;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.rollout.Devices;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.TimeTicks;

/**
 * Every {@code @QuarkusTest} runs on one day, whatever the machine's date (issue 15, point 8): the
 * service's clock, its time-bound rules and the lab's routers' uptimes all read
 * {@link TestInventory#AS_OF}, 2026-11-25, ten in the morning in Japan plus the time the test JVM has run.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PinnedDayTest {

    @Inject
    Clock clock;
    @Inject
    Devices devices;

    @Test
    void theServicesClockReadsThePinnedDayAndTicks() throws Exception {
        Instant first = clock.instant();
        assertEquals(TestInventory.AS_OF, LocalDate.ofInstant(first, MovableClock.JAPAN), "the service's clock reads " + first);
        assertFalse(first.isBefore(MovableClock.PINNED_START), first + " is before the pinned start");
        Thread.sleep(20);
        assertTrue(clock.instant().isAfter(first), "it ticks");
    }

    @Test
    void theNoticePeriodCountsFromThePinnedDay() {
        Map<String, Object> tooEarly = new HashMap<>(Api.filing(SAPPORO));
        tooEarly.put("effective_date", TestInventory.AS_OF.plusDays(19).toString());
        jsonAs(ENGINEER, tooEarly).post("/api/change-notifications").then().statusCode(422)
                .body("earliest_effective_date", equalTo(TestInventory.AS_OF.plusDays(20).toString()));
    }

    @Test
    void theLabsRoutersCountTheirUptimeByTheServicesClock() {
        var router = ((LabFleet) devices.lab().orElseThrow()).router(Api.SAPPORO_ROUTER).orElseThrow();
        TimeTicks uptime = (TimeTicks) router.state().mib().get(new OID("1.3.6.1.2.1.1.3.0"));
        Instant bootedAt = clock.instant().minusMillis(uptime.toMilliseconds());
        assertFalse(bootedAt.isBefore(MovableClock.PINNED_START.minusSeconds(1)), "booted at " + bootedAt + ", before the pinned start");
        assertTrue(Duration.between(MovableClock.PINNED_START, bootedAt).compareTo(Duration.ofHours(2)) < 0,
                "booted at " + bootedAt + " by the service's clock: the pinned day, since this JVM started");
    }
}
