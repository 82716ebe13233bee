package jp.lgwan.routerconfig.device;

/**
 * What a router's CLI shows about one interface, for the facts its platform does not expose over
 * SNMP (Yamaha RTX: speed and duplex from {@code show status lanN}, the description from
 * {@code show config}); each with the command it was read from.
 *
 * @param linkUp          whether the status shows the link up
 * @param speedMbps       the speed the link runs at; 0 where down or not shown
 * @param duplex          the duplex the link runs at; UNKNOWN where down or not shown
 * @param statusCommand   the command that showed link, speed and duplex
 * @param description     the interface's description as configured, without quotes; "" where none
 * @param descriptionFrom the command whose output held it
 */
public record InterfaceFacts(String interfaceName, boolean linkUp, long speedMbps, RouterSnapshot.Duplex duplex, String statusCommand,
                             String description, String descriptionFrom) {
}
