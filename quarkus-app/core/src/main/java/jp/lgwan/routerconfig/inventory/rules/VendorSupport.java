package jp.lgwan.routerconfig.inventory.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.EndOfSupport;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.VendorProfile;

/**
 * Whether a router's OS release and hardware model are within their vendor's support on a given
 * day. The source: 「サポート期間が終了しているOS等は、総合行政ネットワーク接続仕様書のセキュリティ要件に抵触
 * しますので使用しないでください」 (an OS or the like past its support period breaks the connection
 * specification's security requirements; do not use it). One rule, two users: {@code validate} (as of
 * {@code --as-of}, where what cannot be shown is a warning) and the service before a push (as of a
 * notification's effective date and as of its window's day, where what cannot be shown is an error:
 * a push must not reach equipment whose support nobody can show).
 */
public final class VendorSupport {

    /** One reason a router's equipment is, or cannot be shown to be, within support. */
    public record Problem(String rule, String field, String message, boolean blocksValidation) {
    }

    private VendorSupport() {
    }

    /** What keeps {@code router} from being supported on {@code day}; empty when it is, or when its profile or model is unknown (reported by their own rules). */
    public static List<Problem> problems(Inventory inventory, ConnectionRouter router, LocalDate day) {
        List<Problem> problems = new ArrayList<>();
        if (router.vendorProfile() == null) {
            return problems;
        }
        Optional<VendorProfile> profile = inventory.vendorProfile(router.vendorProfile());
        if (profile.isEmpty()) {
            return problems;
        }
        if (router.osVersion() != null) {
            Optional<VendorProfile.OsRelease> release = profile.get().release(router.osVersion());
            if (release.isEmpty()) {
                problems.add(new Problem("os-version-unknown", "osVersion", "OS version " + router.osVersion() + " matches no release of "
                        + profile.get().id() + "; its end of support cannot be checked", false));
            } else {
                check(problems, "os", "osVersion", "OS release " + release.get().version(), release.get().endOfSupport(), day);
            }
        }
        if (router.model() != null) {
            profile.get().model(router.model()).ifPresent(model ->
                    check(problems, "model", "model", "model " + model.name(), model.endOfSupport(), day));
        }
        return problems;
    }

    /** The problems a push refuses on: every one, also those {@code validate} only warns of. */
    public static List<String> refusals(Inventory inventory, ConnectionRouter router, LocalDate day) {
        return problems(inventory, router, day).stream().map(p -> router.hostname() + ": " + p.message() + " (" + p.rule() + ")").toList();
    }

    private static void check(List<Problem> problems, String what, String field, String name, EndOfSupport end, LocalDate day) {
        if (end == null) {
            return; // reported where the reference data leaves it out (end-of-support-declared)
        }
        if (!end.known()) {
            problems.add(new Problem(what + "-end-of-support-unknown", field, name + " has no known end of support (end_of_support: unknown);"
                    + " a push needs one on or after " + day, false));
        } else if (end.endedBefore(day)) {
            problems.add(new Problem(what + "-end-of-support", field, name + " reached end of support on " + end.date() + ", before " + day
                    + "; equipment past end of support breaks the connection specification's security requirements", true));
        }
    }
}
