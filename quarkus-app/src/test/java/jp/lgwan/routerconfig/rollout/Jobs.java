package jp.lgwan.routerconfig.rollout;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jp.lgwan.routerconfig.testing.Await;

/** A window's job as the rollout tests read it, each read in a transaction of its own, with its routers and their steps loaded. */
final class Jobs {

    private Jobs() {
    }

    /** The job of {@code outageId}, or null while it has none. */
    static RolloutJob of(long outageId) {
        return QuarkusTransaction.requiringNew().call(() -> loaded(RolloutJob.<RolloutJob>find("outageId", outageId).firstResult()));
    }

    /** Waits for job {@code jobId} to end; the job as it ended. */
    static RolloutJob finished(long jobId) throws InterruptedException {
        Await.until("job " + jobId + " finished", () -> QuarkusTransaction.requiringNew().call(() -> RolloutJob.<RolloutJob>findById(jobId).finishedAt != null));
        return QuarkusTransaction.requiringNew().call(() -> loaded(RolloutJob.findById(jobId)));
    }

    private static RolloutJob loaded(RolloutJob job) {
        if (job != null) {
            job.routers.forEach(r -> r.steps.size());
        }
        return job;
    }
}
