package jp.lgwan.routerconfig.inventory;

public enum TerminationDeviceKind {
    /** Optical network unit. */
    ONU,
    /** Customer termination unit. */
    CTU,
    /** Media converter (光メディアコンバータ). */
    MEDIA_CONVERTER
}
