package jp.lgwan.routerconfig.rollout;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.lgwan.routerconfig.change.OutageApproved;
import jp.lgwan.routerconfig.change.OutageCancelled;
import jp.lgwan.routerconfig.change.PlannedOutage;
import org.jboss.logging.Logger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Puts an approved window's opening into Quartz's clustered JDBC job store, inside the caller's
 * transaction (store type jdbc-cmt): it observes the approval and cancellation events synchronously,
 * so approval and trigger commit together, and of several service instances on one database exactly
 * one fires it. A trigger missed while every instance was down fires as soon as one is back;
 * {@link WindowStarter} then decides between a late start and MISSED.
 *
 * <p>When a window opens is the service's clock's to say (the {@code Clock} every rule reads), not
 * Quartz's, which fires by the system clock: a trigger is set at the moment the system clock will
 * show when the service's clock shows the opening, and {@link #followServiceClock} moves the
 * triggers not yet fired whenever the two clocks drift apart. In production the service's clock is
 * the system clock and nothing ever moves; the tests move the service's clock (a test
 * {@code MovableClock}) to a window's start and watch the window open by itself, through the same
 * trigger and job as in production.
 */
@ApplicationScoped
public class WindowScheduler {

    static final String GROUP = "planned-outage";
    static final String OUTAGE_ID = "outageId";
    /** On the trigger: when the window opens by the service's clock (epoch milliseconds, as a string: the JDBC store keeps strings). */
    static final String OPENS_AT = "opensAt";
    /** A trigger within this of where the service's clock puts it is left alone: two reads of two clocks differ by microseconds. */
    static final Duration DRIFT_TOLERATED = Duration.ofSeconds(1);
    private static final Clock SYSTEM = Clock.systemUTC();
    private static final Logger LOG = Logger.getLogger(WindowScheduler.class);

    private final Scheduler quartz;
    private final Clock clock;

    public WindowScheduler(Scheduler quartz, Clock clock) {
        this.quartz = quartz;
        this.clock = clock;
    }

    void approved(@Observes OutageApproved event) {
        schedule(event.outage(), event.outage().approvedAt);
    }

    void cancelled(@Observes OutageCancelled event) {
        unschedule(event.outageId());
    }

    /**
     * A window approved before its start opens by itself at its start. One approved after its
     * start has passed is for the operator to start by hand (the emergency case); its trigger is
     * set at its end, where, if nobody started it, it is marked MISSED.
     */
    public void schedule(PlannedOutage outage, Instant approvedAt) {
        Instant opensAt = outage.windowStart.isAfter(approvedAt) ? outage.windowStart : outage.windowEnd;
        JobDetail job = JobBuilder.newJob(WindowOpensJob.class)
                .withIdentity(key(outage.id))
                .usingJobData(OUTAGE_ID, outage.id.toString()) // the JDBC store keeps job data as strings
                .requestRecovery(true)
                .storeDurably(false)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("window-" + outage.id, GROUP)
                .usingJobData(OPENS_AT, Long.toString(opensAt.toEpochMilli()))
                .startAt(onSystemClock(opensAt))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.deleteJob(job.getKey());
            quartz.scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule planned outage " + outage.id + ": " + e.getMessage(), e);
        }
    }

    /** When the system clock, by which Quartz fires, will show {@code serviceInstant}. */
    private Date onSystemClock(Instant serviceInstant) {
        return Date.from(serviceInstant.plus(Duration.between(clock.instant(), SYSTEM.instant())));
    }

    /**
     * Moves every window trigger not yet fired to where the service's clock now puts it; one whose
     * opening the service's clock has passed fires at once (Quartz's fire-now misfire rule, as after
     * downtime). In production the two clocks are one and this finds nothing to move.
     */
    @Scheduled(identity = "window-triggers-follow-service-clock", every = "${lgwan.window-triggers.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void followServiceClock() {
        try {
            for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
                Trigger trigger = quartz.getTrigger(key);
                String opensAt = trigger == null ? null : trigger.getJobDataMap().getString(OPENS_AT);
                if (opensAt == null || trigger.getNextFireTime() == null) {
                    continue; // fired meanwhile, or set before triggers carried their opening: on the system clock already
                }
                Date due = onSystemClock(Instant.ofEpochMilli(Long.parseLong(opensAt)));
                if (Math.abs(due.getTime() - trigger.getNextFireTime().getTime()) > DRIFT_TOLERATED.toMillis()) {
                    LOG.debugf("trigger %s moved from %s to %s to follow the service's clock", key, trigger.getNextFireTime(), due);
                    quartz.rescheduleJob(key, trigger.getTriggerBuilder().startAt(due).build());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot move the window triggers: " + e.getMessage(), e);
        }
    }

    public void unschedule(long outageId) {
        try {
            quartz.deleteJob(key(outageId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule planned outage " + outageId + ": " + e.getMessage(), e);
        }
    }

    public boolean isScheduled(long outageId) {
        try {
            return quartz.checkExists(key(outageId));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobKey key(long outageId) {
        return JobKey.jobKey("window-" + outageId, GROUP);
    }
}
