package jp.lgwan.routerconfig.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.live.LiveListener;
import jp.lgwan.routerconfig.rollout.Devices;
import jp.lgwan.routerconfig.rollout.ServiceDesk;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * What windows need, in {@code /q/health}: {@code scheduler} (ready: Quartz runs, and no approved
 * window is overdue — its start passed a minute ago and it did not open), {@code devices} (ready:
 * how routers are reached; with {@code serve --lab-dir}, the lab process must run),
 * {@code service-desk} (well: no notice has waited for the desk's webhook longer than
 * {@code lgwan.ops.service-desk-max-delay}) and {@code live-events} (well: live views hear of changes).
 */
@ApplicationScoped
public class RolloutHealth {

    /** An approved window whose start passed this long ago without opening is overdue: the scheduler does not fire. */
    static final Duration OVERDUE = Duration.ofMinutes(1);

    private final Scheduler quartz;
    private final Devices devices;
    private final ServiceDesk serviceDesk;
    private final LiveListener live;
    private final Clock clock;
    private final Duration serviceDeskMaxDelay;

    public RolloutHealth(Scheduler quartz, Devices devices, ServiceDesk serviceDesk, LiveListener live, Clock clock,
                         OpsSettings settings) {
        this.quartz = quartz;
        this.devices = devices;
        this.serviceDesk = serviceDesk;
        this.live = live;
        this.clock = clock;
        this.serviceDeskMaxDelay = settings.serviceDeskMaxDelay();
    }

    @Produces
    @Readiness
    HealthCheck scheduler() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("scheduler");
            try {
                if (!quartz.isStarted() || quartz.isInStandbyMode() || quartz.isShutdown()) {
                    return check.down().withData("reason", "Quartz is " + (quartz.isShutdown() ? "shut down" : "not running")
                            + ": no window opens by itself").build();
                }
            } catch (SchedulerException e) {
                return check.down().withData("reason", "Quartz: " + e.getMessage()).build();
            }
            Instant now = clock.instant();
            List<PlannedOutage> approved = QuarkusTransaction.requiringNew().call(() -> PlannedOutage.<PlannedOutage>list(
                    "status = ?1 and windowEnd > ?2 order by windowStart", OutageStatus.APPROVED, now));
            // approved after its start, a window waits for an operator's hand: not overdue
            List<Long> overdue = approved.stream().filter(o -> o.windowStart.plus(OVERDUE).isBefore(now) && o.approvedAt.isBefore(o.windowStart))
                    .map(o -> o.id).toList();
            check.withData("approved_windows", approved.size());
            approved.stream().filter(o -> o.windowStart.isAfter(now)).findFirst()
                    .ifPresent(next -> check.withData("next_window", next.id).withData("next_start", Timestamps.format(next.windowStart)));
            if (!overdue.isEmpty()) {
                return check.down().withData("overdue_windows", overdue.toString())
                        .withData("reason", "approved windows whose start passed without opening").build();
            }
            return check.up().build();
        };
    }

    @Produces
    @Readiness
    HealthCheck devices() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("devices");
            if (devices.labDirectory().isPresent()) {
                var dir = devices.labDirectory().get();
                check.withData("routers", "virtual: the lab process of " + dir);
                try {
                    var pid = VirtualRouters.required().runningIn(dir);
                    if (pid.isEmpty()) {
                        return check.down().withData("reason", "no lab runs in " + dir + " (start `lab --dir " + dir + "`)").build();
                    }
                    return check.up().withData("lab_pid", pid.getAsLong()).build();
                } catch (java.io.IOException | RuntimeException e) {
                    return check.down().withData("reason", "lab at " + dir + ": " + e.getMessage()).build();
                }
            }
            if (devices.lab().isPresent()) {
                try {
                    return check.up().withData("routers", "virtual: " + devices.lab().get().describe()).build();
                } catch (DeviceException e) {
                    return check.down().withData("reason", e.getMessage()).build();
                }
            }
            return check.up().withData("routers", "real: the inventory's management addresses and the credential store").build();
        };
    }

    @Produces
    @Wellness
    HealthCheck serviceDesk() {
        return () -> {
            ServiceDesk.Backlog backlog = serviceDesk.backlog();
            HealthCheckResponseBuilder check = HealthCheckResponse.named("service-desk").withData("webhook", backlog.webhookSet() ? "set" : "not set")
                    .withData("undelivered", backlog.undelivered()).withData("unacknowledged", backlog.unacknowledged());
            if (backlog.oldestUndelivered() != null) {
                Duration waited = Duration.between(backlog.oldestUndelivered(), clock.instant());
                check.withData("oldest_undelivered_seconds", waited.toSeconds());
                if (backlog.webhookSet() && waited.compareTo(serviceDeskMaxDelay) > 0) {
                    return check.down().withData("reason", "a notice has waited " + waited.toMinutes() + " min for the service desk's webhook"
                            + " (more than " + serviceDeskMaxDelay.toMinutes() + " min)").build();
                }
            }
            return check.up().build();
        };
    }

    @Produces
    @Wellness
    HealthCheck liveEvents() {
        return () -> live.listening() ? HealthCheckResponse.up("live-events")
                : HealthCheckResponse.named("live-events").down().withData("reason", "not listening to the database's notifications:"
                        + " live views and event streams do not update").build();
    }
}
