package jp.lgwan.routerconfig.change;

/** Why communication may stop in a planned-outage window (計画停止). */
public enum OutageReason {
    LINE_SPEED_CHANGE,
    PRODUCT_CHANGE,
    /** 法定点検: the building's power is cut; nothing may be pushed, the routers are checked when it returns. */
    LEGAL_POWER_INSPECTION,
    OTHER
}
