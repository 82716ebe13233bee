package jp.lgwan.routerconfig.inventory;

/** The two kinds of access line. */
public enum AccessLineKind {
    /** 都道府県WAN: reaches a prefecture-WAN access point. */
    PREFECTURE_WAN,
    /** その他の回線: a carrier line reaching a prefecture node (都道府県ノード). */
    CARRIER_LINE
}
