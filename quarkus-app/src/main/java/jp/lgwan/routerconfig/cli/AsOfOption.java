package jp.lgwan.routerconfig.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** {@code --as-of}: the day end-of-support dates are judged on; today in Japan unless pinned (CI machines run on UTC). */
final class AsOfOption {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "the day end-of-support dates are compared with (default: today in Asia/Tokyo)")
    LocalDate asOf;

    LocalDate day() {
        return asOf != null ? asOf : LocalDate.now(JAPAN);
    }
}
