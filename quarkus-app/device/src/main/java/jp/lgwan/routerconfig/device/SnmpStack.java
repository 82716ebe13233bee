package jp.lgwan.routerconfig.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MutablePDU;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MutableStateReference;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmSecurityParameters;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
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
        return start(address, usm, receiveBufferBytes, (from, engineId, report) -> {
        });
    }

    /**
     * As above; {@code undelivered} hears of every SNMPv3 message SNMP4J could not process or match
     * to a request (see {@link ReportHearingMPv3}): where it came from and the engine id it names.
     */
    public static Snmp start(String address, USM usm, int receiveBufferBytes, Undelivered undelivered) throws IOException {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new ReportHearingMPv3(usm, undelivered));
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

    /**
     * SNMP4J's MPv3, telling of the messages it drops. An agent re-installed under the same address
     * has a new engine id; it answers every request still carrying the old one with a
     * usmStatsUnknownEngineIDs report under its new engine id (and, from net-snmp 5.9.3, no user
     * name), which SNMP4J 3.13.1 discards on the way in (USM: unknown security name; or RFC 3412
     * 7.2.11: no match with the request) without a word: the request then ends as a timeout although
     * the agent answered each time (measured against net-snmp 5.9.3). A usmStatsUnknownUserNames
     * report (the agent has no such user) goes the same way. Here every SNMPv3 message that could not
     * be processed is read once more for the authoritative engine id its header carries and, where it
     * is a plaintext report, for its report; both are handed on with where it came from.
     */
    static final class ReportHearingMPv3 extends MPv3 {
        private final Undelivered undelivered;

        ReportHearingMPv3(USM usm, Undelivered undelivered) {
            super(usm);
            this.undelivered = undelivered;
        }

        @Override
        public <A extends Address> int prepareDataElements(MessageDispatcher messageDispatcher, A transportAddress, BERInputStream wholeMsg,
                                                           TransportStateReference tmStateReference, Integer32 messageProcessingModel,
                                                           Integer32 securityModel, OctetString securityName, Integer32 securityLevel,
                                                           MutablePDU pdu, PduHandle sendPduHandle, Integer32 maxSizeResponseScopedPDU,
                                                           StatusInformation statusInformation, MutableStateReference<A> mutableStateReference) {
            ByteBuffer message = wholeMsg.getBuffer().duplicate();
            int status = super.prepareDataElements(messageDispatcher, transportAddress, wholeMsg, tmStateReference, messageProcessingModel,
                    securityModel, securityName, securityLevel, pdu, sendPduHandle, maxSizeResponseScopedPDU, statusInformation,
                    mutableStateReference);
            PDU received = pdu.getPdu();
            boolean delivered = status == SnmpConstants.SNMP_MP_OK && received != null;
            if (!delivered) {
                read(message, transportAddress);
            }
            return status;
        }

        /**
         * msgAuthoritativeEngineID of an SNMPv3 message (RFC 3412 6, RFC 3414 2.4) and, where its data is
         * plaintext (no privacy flag, as reports are), its REPORT; nothing where it does not parse.
         */
        private void read(ByteBuffer message, Address from) {
            try {
                BERInputStream in = new BERInputStream(message);
                BER.decodeHeader(in, new BER.MutableByte());
                new Integer32().decodeBER(in);
                HeaderData header = new HeaderData() { };
                header.decodeBER(in);
                UsmSecurityParameters security = new UsmSecurityParameters(null);
                security.decodeBER(in);
                byte[] engine = security.getAuthoritativeEngineID();
                if (engine == null || engine.length == 0) {
                    return;
                }
                PDU report = null;
                if ((header.getMsgFlags() & HeaderData.FLAG_PRIV) == 0) {
                    ScopedPDU scoped = new ScopedPDU();
                    scoped.decodeBER(in);
                    report = scoped.getType() == PDU.REPORT ? scoped : null;
                }
                undelivered.heard(from, new OctetString(engine), report);
            } catch (IOException | RuntimeException e) {
                // not an SNMPv3 message this poller can read: nothing to tell
            }
        }
    }

    /** Hears of an SNMPv3 message SNMP4J could not deliver: who sent it, the engine it names, its report where plaintext (else null). */
    public interface Undelivered {
        void heard(Address from, OctetString engineId, PDU report);
    }
}
