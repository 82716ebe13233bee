package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import java.util.List;

/** Reference data: the prefecture nodes (都道府県ノード) and prefecture-WAN access points lines can reach. */
public record PrefectureNetwork(
        List<@Valid PrefectureNode> prefectureNodes,
        List<@Valid AccessPoint> accessPoints) {

    public PrefectureNetwork {
        prefectureNodes = prefectureNodes == null ? List.of() : List.copyOf(prefectureNodes);
        accessPoints = accessPoints == null ? List.of() : List.copyOf(accessPoints);
    }
}
