package jp.lgwan.routerconfig.inventory;

/** What an interface connects to. */
public enum InterfaceRole {
    /** Towards the access line and its termination device. */
    WAN,
    /** Towards the organization's own network (庁内LAN). */
    LAN,
    /** Out-of-band management. */
    MANAGEMENT
}
