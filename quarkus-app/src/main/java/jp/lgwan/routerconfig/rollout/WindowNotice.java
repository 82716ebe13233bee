package jp.lgwan.routerconfig.rollout;

import java.util.LinkedHashMap;
import java.util.Map;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.change.PlannedOutage;

/**
 * Something in a window the service desk must hear of — a router that failed, was rolled back, has host settings left or a
 * pre-existing fault; a window halted or failed — fired as a CDI event by the step journal and the job lifecycle, observed
 * synchronously by {@link ServiceDesk}, which queues it in the firing transaction (its outbox): the notice commits with the
 * failure it reports, or not at all.
 *
 * @param kind what happened: window-halted, window-failed, router-failed, router-rolled-back, router-host-settings-pending,
 *             router-pre-existing-fault, return-check-failed
 * @param body the notice as the desk's webhook receives it (JSON), after its {@code kind}
 */
public record WindowNotice(String kind, Map<String, Object> body) {

    public WindowNotice {
        body = new LinkedHashMap<>(body);
    }

    /** A notice about {@code outage}'s job {@code jobId}: which window and job, and when it was open, then {@code details}. */
    static WindowNotice of(String kind, PlannedOutage outage, long jobId, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outage_id", outage.id);
        body.put("job_id", jobId);
        body.put("window_start", Timestamps.format(outage.windowStart));
        body.put("window_end", Timestamps.format(outage.windowEnd));
        body.putAll(details);
        return new WindowNotice(kind, body);
    }
}
