package jp.lgwan.routerconfig.change;

/**
 * A planned outage (計画停止) was approved. Observers run synchronously inside the approval's
 * transaction: the rollout schedules the window's opening there, so approval and trigger commit
 * together or not at all.
 */
public record OutageApproved(PlannedOutage outage) {
}
