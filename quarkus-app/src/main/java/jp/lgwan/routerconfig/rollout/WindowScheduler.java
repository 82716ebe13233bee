package jp.lgwan.routerconfig.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Date;
import jp.lgwan.routerconfig.change.OutageApproved;
import jp.lgwan.routerconfig.change.OutageCancelled;
import jp.lgwan.routerconfig.change.PlannedOutage;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Puts an approved window's opening into Quartz's clustered JDBC job store, inside the caller's
 * transaction (store type jdbc-cmt): it observes the approval and cancellation events synchronously,
 * so approval and trigger commit together, and of several service instances on one database exactly
 * one fires it. A trigger missed while every instance was down fires as soon as one is back;
 * {@link WindowStarter} then decides between a late start and MISSED.
 */
@ApplicationScoped
public class WindowScheduler {

    static final String GROUP = "planned-outage";
    static final String OUTAGE_ID = "outageId";

    private final Scheduler quartz;

    public WindowScheduler(Scheduler quartz) {
        this.quartz = quartz;
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
    public void schedule(PlannedOutage outage, java.time.Instant approvedAt) {
        JobDetail job = JobBuilder.newJob(WindowOpensJob.class)
                .withIdentity(key(outage.id))
                .usingJobData(OUTAGE_ID, outage.id.toString()) // the JDBC store keeps job data as strings
                .requestRecovery(true)
                .storeDurably(false)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("window-" + outage.id, GROUP)
                .startAt(Date.from(outage.windowStart.isAfter(approvedAt) ? outage.windowStart : outage.windowEnd))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.deleteJob(job.getKey());
            quartz.scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule planned outage " + outage.id + ": " + e.getMessage(), e);
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
