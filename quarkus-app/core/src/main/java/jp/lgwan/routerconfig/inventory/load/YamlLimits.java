package jp.lgwan.routerconfig.inventory.load;

/**
 * Bounds on what one inventory file may make the parser do. An organization file is a few
 * kilobytes and six levels deep; these leave room for the largest real one and stop a hostile one.
 */
public record YamlLimits(long maxFileBytes, int maxDepth, int maxAliases, long maxExpandedNodes) {

    public static final YamlLimits DEFAULT = new YamlLimits(1024 * 1024, 24, 64, 200_000);
}
