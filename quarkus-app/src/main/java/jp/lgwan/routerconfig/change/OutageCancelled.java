package jp.lgwan.routerconfig.change;

/**
 * A planned outage (計画停止) was cancelled before it started. Observers run synchronously inside
 * the cancellation's transaction: the rollout drops the window's scheduled opening there.
 */
public record OutageCancelled(long outageId) {
}
