package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import jp.lgwan.routerconfig.device.SnmpKeys;
import jp.lgwan.routerconfig.device.SnmpStack;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The SNMP agent of a {@link VirtualRouter}, on loopback: real SNMP on the wire (SNMP4J engine,
 * USM with authPriv, GET, GETNEXT and GETBULK), answering from the router's MIB as it is at the
 * moment of the request. v3 requests below authPriv and v2c requests with another community get
 * no answer, as a locked-down router gives none.
 */
public final class VirtualSnmpAgent implements AutoCloseable {

    private static final int MAX_BINDINGS = 200;
    private static final java.util.concurrent.atomic.AtomicInteger ENGINES = new java.util.concurrent.atomic.AtomicInteger();
    /** The lab's agents share their users' passphrases: each is turned into a key once. */
    private static final SnmpKeys KEYS = new SnmpKeys();

    private final VirtualRouter router;
    private final Snmp snmp;
    private final USM usm;
    private final String community;
    private volatile boolean silent;
    private volatile long latencyMillis;

    /** Sends the answers of agents with a latency, so that a waiting answer holds up no other request. */
    private static final class Delayed {
        static final java.util.concurrent.ScheduledExecutorService ANSWERS = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lab-snmp-latency");
            thread.setDaemon(true);
            return thread;
        });
    }

    private VirtualSnmpAgent(VirtualRouter router, Snmp snmp, USM usm, String community) {
        this.router = router;
        this.snmp = snmp;
        this.usm = usm;
        this.community = community;
    }

    /**
     * Starts an agent on a free UDP port of 127.0.0.1 for the v3 user of {@code credentials}, and
     * for v2c with its community when the credentials name one.
     */
    public static VirtualSnmpAgent start(VirtualRouter router, SnmpTarget credentials) throws IOException {
        // every agent its own engine id, as every real router has: managers key engine times by it
        byte[] engineId = MPv3.createLocalEngineID(new OctetString("lab-router-" + ENGINES.incrementAndGet()));
        USM usm = SnmpStack.usm(engineId);
        if (credentials.user() != null) {
            // localized here, from keys shared by the whole lab, rather than by SNMP4J at the first request (a mebibyte of hashing each)
            OID auth = credentials.auth() == SnmpAuthProtocol.SHA1 ? AuthSHA.ID : AuthHMAC192SHA256.ID;
            usm.addLocalizedUser(engineId, new OctetString(credentials.user()), auth, KEYS.auth(credentials.auth(), credentials.authKey(), engineId),
                    PrivAES128.ID, KEYS.privAes128(credentials.auth(), credentials.privKey(), engineId));
        }
        usm.setEngineBoots(router.engineBoots());
        Snmp snmp = SnmpStack.start("127.0.0.1/0", usm);
        VirtualSnmpAgent agent = new VirtualSnmpAgent(router, snmp, usm, credentials.community());
        snmp.addCommandResponder(agent.responder());
        return agent;
    }

    /** Fault injection: the agent stops answering (an SNMP timeout), or answers again. */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    /** Whether the agent is silenced ({@link #silent(boolean)}). */
    public boolean isSilent() {
        return silent;
    }

    /** Every answer leaves this much later (a long line to the router); requests are still answered as they arrive. */
    public void latency(java.time.Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    public int port() {
        return ((DefaultUdpTransportMapping) snmp.getMessageDispatcher().getTransportMappings().iterator().next()).getListenAddress().getPort();
    }

    public UdpAddress address() {
        return new UdpAddress("127.0.0.1/" + port());
    }

    private CommandResponder responder() {
        return new CommandResponder() {
            @Override
            public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
                if (silent || !allowed(event)) {
                    return;
                }
                // the router or its agent restarted: the engine's boot count every answer carries follows
                if (usm.getEngineBoots() != router.engineBoots()) {
                    usm.setEngineBoots(router.engineBoots());
                }
                PDU request = event.getPDU();
                PDU response = answer(request, router.mib());
                event.setProcessed(true);
                long latency = latencyMillis;
                if (latency > 0) {
                    Delayed.ANSWERS.schedule(() -> respond(event, response), latency, java.util.concurrent.TimeUnit.MILLISECONDS);
                } else {
                    respond(event, response);
                }
            }
        };
    }

    private static void respond(CommandResponderEvent<?> event, PDU response) {
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), new StatusInformation());
        } catch (org.snmp4j.MessageException e) {
            // the manager gave up on this request; nothing to tell it
        }
    }

    private boolean allowed(CommandResponderEvent<?> event) {
        if (event.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv3) {
            return event.getSecurityLevel() == SecurityLevel.AUTH_PRIV;
        }
        return community != null && community.equals(new String(event.getSecurityName(), java.nio.charset.StandardCharsets.US_ASCII));
    }

    static PDU answer(PDU request, TreeMap<OID, Variable> mib) {
        PDU response = (PDU) request.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(0);
        response.setErrorIndex(0);
        response.clear();
        // clear() also zeroes the request id, by which v1/v2c managers match a response to its request
        response.setRequestID(request.getRequestID());
        switch (request.getType()) {
            case PDU.GET -> request.getVariableBindings().forEach(vb -> {
                Variable value = mib.get(vb.getOid());
                response.add(new VariableBinding(vb.getOid(), value != null ? value : Null.noSuchObject));
            });
            case PDU.GETNEXT -> request.getVariableBindings().forEach(vb -> response.add(next(mib, vb.getOid())));
            case PDU.GETBULK -> {
                int nonRepeaters = Math.max(0, Math.min(request.getNonRepeaters(), request.size()));
                for (int i = 0; i < nonRepeaters; i++) {
                    response.add(next(mib, request.get(i).getOid()));
                }
                OID[] cursors = new OID[request.size() - nonRepeaters];
                for (int i = 0; i < cursors.length; i++) {
                    cursors[i] = request.get(nonRepeaters + i).getOid();
                }
                for (int r = 0; r < Math.max(1, request.getMaxRepetitions()) && response.size() + cursors.length <= MAX_BINDINGS; r++) {
                    boolean any = false;
                    for (int i = 0; i < cursors.length; i++) {
                        VariableBinding next = next(mib, cursors[i]);
                        response.add(next);
                        cursors[i] = next.getOid();
                        any |= !next.isException();
                    }
                    if (!any) {
                        break;
                    }
                }
            }
            default -> response.setErrorStatus(SnmpConstants.SNMP_ERROR_GENERAL_ERROR);
        }
        return response;
    }

    private static VariableBinding next(TreeMap<OID, Variable> mib, OID after) {
        Map.Entry<OID, Variable> next = mib.higherEntry(after);
        return next == null ? new VariableBinding(after, Null.endOfMibView) : new VariableBinding(next.getKey(), next.getValue());
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
