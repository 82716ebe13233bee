package jp.lgwan.routerconfig.device;

import jp.lgwan.routerconfig.render.Dialect;

/**
 * What a router's own ping of an address showed (the connectivity test's reachability, 疎通試験):
 * the command typed, the replies and the average round trip read from its answer, and the answer.
 */
public record Reachability(String address, String command, Dialect.PingResult result, String output) {
}
