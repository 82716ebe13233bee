package jp.lgwan.routerconfig.rollout;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * A clean stop leaves no trace in Quartz's cluster table. Quartz's clustered JDBC store keeps one
 * row per instance in {@code qrtz_scheduler_state}, checked in every 15 s, and never deletes it at
 * shutdown; each start is a new instance ({@code quarkus.quartz.instance-id=AUTO}: host and time),
 * so 22.5 s after a clean stop the next instance's cluster manager took the old row for a crashed
 * instance and logged {@code ClusterManager: detected 1 failed or restarted instances} — the line an
 * operator reads as a crash (issue 17). The row is deleted once Quartz has shut down (this observer
 * runs after Quarkus' own, which shuts the scheduler down, and before the datasource goes), so the
 * line now means what it says: an instance stopped without shutting down (kill -9, a lost host).
 */
@ApplicationScoped
public class QuartzCheckOut {

    private static final Logger LOG = Logger.getLogger(QuartzCheckOut.class);

    private final Instance<Scheduler> scheduler;
    private final DataSource dataSource;

    public QuartzCheckOut(Instance<Scheduler> scheduler, DataSource dataSource) {
        this.scheduler = scheduler;
        this.dataSource = dataSource;
    }

    void stopped(@Observes @BeforeDestroyed(ApplicationScoped.class) @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) Object event) {
        if (scheduler.isResolvable()) {
            checkOut();
        }
    }

    /** Deletes this instance's row of the cluster table; how many rows it deleted (0 or 1). */
    public int checkOut() {
        try {
            Scheduler quartz = scheduler.get();
            String name = quartz.getSchedulerName();
            String instance = quartz.getSchedulerInstanceId();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "delete from qrtz_scheduler_state where sched_name = ? and instance_name = ?")) {
                delete.setString(1, name);
                delete.setString(2, instance);
                int deleted = delete.executeUpdate();
                LOG.debugf("Quartz instance %s checked out of the cluster (%d row)", instance, deleted);
                return deleted;
            }
        } catch (SchedulerException | SQLException | RuntimeException e) {
            // the stop goes on: the next start then logs the old instance as failed, nothing worse
            LOG.warnf("Quartz instance not checked out of the cluster table at stop: %s", e.getMessage());
            return 0;
        }
    }
}
