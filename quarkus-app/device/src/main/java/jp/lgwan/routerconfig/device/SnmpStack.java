package jp.lgwan.routerconfig.device;

import java.io.IOException;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One SNMP engine with its own USM, not SNMP4J's process-wide singletons, so a poller and many lab
 * agents can live in one JVM without sharing users. SHA-1 is added by hand: SNMP4J's defaults leave
 * it out, and the inventory allows it where a router has nothing better.
 */
public final class SnmpStack {

    private SnmpStack() {
    }

    public static SecurityProtocols protocols() {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addPrivacyProtocol(new PrivAES128());
        return protocols;
    }

    /** A started engine listening on {@code address} (port 0 for any free one) with {@code usm}. */
    public static Snmp start(String address, USM usm) throws IOException {
        return start(address, usm, 0);
    }

    /**
     * As above, with a socket receive buffer of {@code receiveBufferBytes} (0: the system's default;
     * the kernel caps it at net.core.rmem_max).
     */
    public static Snmp start(String address, USM usm, int receiveBufferBytes) throws IOException {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(address));
        if (receiveBufferBytes > 0) {
            transport.setReceiveBufferSize(receiveBufferBytes);
        }
        Snmp snmp = new Snmp(dispatcher, transport);
        snmp.listen();
        return snmp;
    }

    public static USM usm(byte[] engineId) {
        return new USM(protocols(), new OctetString(engineId), 0);
    }
}
