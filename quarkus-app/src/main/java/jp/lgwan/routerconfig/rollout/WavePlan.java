package jp.lgwan.routerconfig.rollout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;

/**
 * Which wave each router of a window goes in. Wave 0 is the canary: the first {@code canaryPerProfile}
 * routers of each vendor profile, so a template mistake shows on one router per dialect before it
 * reaches the fleet. Then waves of {@code waveSize}. The two routers of a redundancy pair never
 * share a wave: while one is being pushed, the other carries the traffic.
 */
public final class WavePlan {

    private WavePlan() {
    }

    public static Map<String, Integer> of(List<ConnectionRouter> routers, int canaryPerProfile, int waveSize) {
        if (waveSize < 1) {
            throw new IllegalArgumentException("wave size must be at least 1");
        }
        List<ConnectionRouter> sorted = routers.stream().sorted(Comparator.comparing(ConnectionRouter::hostname)).toList();
        Map<String, Integer> waves = new HashMap<>();
        Map<String, Integer> canaries = new HashMap<>();
        Set<String> wave0 = new HashSet<>();
        for (ConnectionRouter router : sorted) {
            int taken = canaries.getOrDefault(router.vendorProfile(), 0);
            if (taken < canaryPerProfile && !wave0.contains(router.redundancyPeer())) {
                waves.put(router.hostname(), 0);
                wave0.add(router.hostname());
                canaries.put(router.vendorProfile(), taken + 1);
            }
        }
        List<ConnectionRouter> rest = new ArrayList<>(sorted.stream().filter(r -> !waves.containsKey(r.hostname())).toList());
        int wave = 1;
        while (!rest.isEmpty()) {
            Set<String> members = new HashSet<>();
            List<ConnectionRouter> deferred = new ArrayList<>();
            for (ConnectionRouter router : rest) {
                if (members.size() < waveSize && !members.contains(router.redundancyPeer())) {
                    members.add(router.hostname());
                    waves.put(router.hostname(), wave);
                } else {
                    deferred.add(router);
                }
            }
            rest = deferred;
            wave++;
        }
        return waves;
    }
}
