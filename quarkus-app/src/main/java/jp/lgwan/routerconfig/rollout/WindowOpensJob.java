package jp.lgwan.routerconfig.rollout;

import jakarta.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** What Quartz runs when an approved window's start comes (or, after downtime, as soon as it can). */
@DisallowConcurrentExecution
public class WindowOpensJob implements Job {

    @Inject
    WindowStarter starter;

    @Override
    public void execute(JobExecutionContext context) {
        long outageId = context.getMergedJobDataMap().getLongValue(WindowScheduler.OUTAGE_ID);
        starter.openOnSchedule(outageId);
    }
}
