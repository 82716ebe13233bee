package jp.lgwan.routerconfig.inventory.load;

import java.util.List;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.Inventory;

/**
 * What loading an inventory directory gave: the inventory (possibly partial when there are
 * errors), where each record came from, every finding in file and line order, and the files read
 * (as the user names them).
 */
public record LoadResult(Inventory inventory, SourceLocations locations, List<Finding> findings, List<String> files) {

    public boolean isValid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    /** Whether some file could not be read at all: unreadable input, not an invalid inventory. */
    public boolean hasUnreadableFile() {
        return findings.stream().anyMatch(f -> f.ruleId().equals("file-unreadable"));
    }

    public long errorCount() {
        return findings.stream().filter(Finding::isError).count();
    }

    public long warningCount() {
        return findings.size() - errorCount();
    }
}
