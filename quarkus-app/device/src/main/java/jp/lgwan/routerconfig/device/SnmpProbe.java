package jp.lgwan.routerconfig.device;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableListener;
import org.snmp4j.util.TableUtils;

/**
 * Polls routers over SNMP: SNMPv3 authPriv by default (HMAC-SHA-256 or SHA-1, AES-128), v2c only
 * where the inventory says so. Reads the system group with GET and ifTable/ifXTable/dot3 duplex
 * with GETBULK; every request is asynchronous, so one probe polls thousands of routers at once on
 * one socket. Each router's engine id is discovered once and its user localized to it, so routers
 * sharing a user name may still have different keys.
 */
public final class SnmpProbe implements AutoCloseable {

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    static final OID IF_SPEED = new OID("1.3.6.1.2.1.2.2.1.5");
    static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
    static final OID IF_IN_ERRORS = new OID("1.3.6.1.2.1.2.2.1.14");
    static final OID IF_OUT_ERRORS = new OID("1.3.6.1.2.1.2.2.1.20");
    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID IF_HIGH_SPEED = new OID("1.3.6.1.2.1.31.1.1.1.15");
    static final OID IF_ALIAS = new OID("1.3.6.1.2.1.31.1.1.1.18");
    static final OID DOT3_DUPLEX = new OID("1.3.6.1.2.1.10.7.2.1.19");

    private static final OID[] COLUMNS = {IF_DESCR, IF_SPEED, IF_ADMIN_STATUS, IF_OPER_STATUS, IF_IN_ERRORS, IF_OUT_ERRORS,
        IF_NAME, IF_HIGH_SPEED, IF_ALIAS};

    /** The receive buffer asked for (Linux caps it at net.core.rmem_max, 4 MiB on the machines measured). */
    static final int RECEIVE_BUFFER = 8 << 20;

    private final USM usm;
    private final Snmp snmp;
    private final Map<String, CompletableFuture<OctetString>> engines = new ConcurrentHashMap<>();
    private final SnmpKeys keys = new SnmpKeys();
    /** The (engine, user, keys) already in the USM, as digests: adding a user again on every poll cost most of a poll's CPU. */
    private final java.util.Set<String> localized = ConcurrentHashMap.newKeySet();
    // SNMP4J's engine discovery blocks; it runs once per router on these threads, everything else is asynchronous
    private final java.util.concurrent.ExecutorService discovery = java.util.concurrent.Executors.newFixedThreadPool(32, runnable -> {
        Thread thread = new Thread(runnable, "snmp-discovery");
        thread.setDaemon(true);
        return thread;
    });

    public SnmpProbe() throws IOException {
        usm = SnmpStack.usm(MPv3.createLocalEngineID());
        // thousands of routers answer this one socket at once: with the default buffer (~200 KiB) the kernel dropped
        // answers of a 1,000-router poll by the thousand, and each cost a 2 s timeout and a retry
        snmp = SnmpStack.start("0.0.0.0/0", usm, RECEIVE_BUFFER);
    }

    /** One poll of the system group, the interface tables and the duplex column; fails with an {@link SnmpException}. */
    public CompletableFuture<RouterSnapshot> poll(SnmpTarget target) {
        return targetFor(target).thenCompose(t -> {
            CompletableFuture<VariableBinding[]> system = get(t, SYS_DESCR, SYS_UPTIME, SYS_NAME);
            CompletableFuture<List<TableEvent>> interfaces = table(t, COLUMNS);
            CompletableFuture<List<TableEvent>> duplex = table(t, new OID[] {DOT3_DUPLEX});
            return system.thenCombine(interfaces, (sys, rows) -> new Object[] {sys, rows})
                    .thenCombine(duplex, (both, duplexRows) -> snapshot((VariableBinding[]) both[0], castRows(both[1]), duplexRows));
        });
    }

    @SuppressWarnings("unchecked")
    private static List<TableEvent> castRows(Object rows) {
        return (List<TableEvent>) rows;
    }

    private CompletableFuture<Target<Address>> targetFor(SnmpTarget target) {
        Address address = new UdpAddress(target.host() + "/" + target.port());
        if (target.version() == SnmpTarget.Version.V2C) {
            CommunityTarget<Address> community = new CommunityTarget<>(address, new OctetString(target.community()));
            community.setVersion(SnmpConstants.version2c);
            community.setTimeout(target.timeout().toMillis());
            community.setRetries(target.retries());
            return CompletableFuture.completedFuture(community);
        }
        return engineId(address, target).thenApply(engineId -> {
            OID auth = target.auth() == SnmpTarget.Auth.SHA1 ? AuthSHA.ID : AuthHMAC192SHA256.ID;
            if (localized.add(fingerprint(engineId, target))) {
                usm.addLocalizedUser(engineId.getValue(), new OctetString(target.user()), auth,
                        keys.auth(target.auth(), target.authKey(), engineId.getValue()), PrivAES128.ID,
                        keys.privAes128(target.auth(), target.privKey(), engineId.getValue()));
            }
            UserTarget<Address> user = new UserTarget<>(address, new OctetString(target.user()), engineId.getValue(), SecurityLevel.AUTH_PRIV);
            user.setVersion(SnmpConstants.version3);
            user.setTimeout(target.timeout().toMillis());
            user.setRetries(target.retries());
            return user;
        });
    }

    private static String fingerprint(OctetString engineId, SnmpTarget target) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {engineId.toHexString(), target.user(), target.auth().name(), target.authKey(), target.privKey()}) {
                digest.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Discovers (once, asynchronously) the router's authoritative engine id, as RFC 3414 4 has the manager do. */
    private CompletableFuture<OctetString> engineId(Address address, SnmpTarget target) {
        return engines.computeIfAbsent(address.toString(), key -> CompletableFuture.supplyAsync(() -> {
            byte[] id = null;
            // SNMP4J's discovery now and then loses an answer when many run at once: ask again before giving up
            for (int attempt = 0; attempt <= target.retries() && id == null; attempt++) {
                id = snmp.discoverAuthoritativeEngineID(address, target.timeout().toMillis());
            }
            if (id == null) {
                engines.remove(key);
                throw new java.util.concurrent.CompletionException(new SnmpException(target + ": no answer to engine discovery"));
            }
            return new OctetString(id);
        }, discovery));
    }

    private CompletableFuture<VariableBinding[]> get(Target<Address> target, OID... oids) {
        PDU pdu = target.getVersion() == SnmpConstants.version3 ? new ScopedPDU() : new PDU();
        pdu.setType(PDU.GET);
        for (OID oid : oids) {
            pdu.add(new VariableBinding(oid));
        }
        CompletableFuture<VariableBinding[]> result = new CompletableFuture<>();
        try {
            snmp.send(pdu, target, null, new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    ((org.snmp4j.Session) event.getSource()).cancel(event.getRequest(), this);
                    PDU response = event.getResponse();
                    if (response == null) {
                        result.completeExceptionally(new SnmpException(target.getAddress() + ": no response (timeout"
                                + (event.getError() == null ? "" : ", " + event.getError().getMessage()) + ")"));
                    } else if (response.getType() == PDU.REPORT) {
                        result.completeExceptionally(new SnmpException(target.getAddress() + ": refused: " + report(response)));
                    } else if (response.getErrorStatus() != 0) {
                        result.completeExceptionally(new SnmpException(target.getAddress() + ": " + response.getErrorStatusText()));
                    } else {
                        result.complete(response.getVariableBindings().toArray(new VariableBinding[0]));
                    }
                }
            });
        } catch (IOException e) {
            result.completeExceptionally(new SnmpException(target.getAddress() + ": " + e.getMessage()));
        }
        return result;
    }

    private CompletableFuture<List<TableEvent>> table(Target<Address> target, OID[] columns) {
        CompletableFuture<List<TableEvent>> result = new CompletableFuture<>();
        TableUtils tables = new TableUtils(snmp, new DefaultPDUFactory(PDU.GETBULK));
        tables.setMaxNumRowsPerPDU(20);
        List<TableEvent> rows = new ArrayList<>();
        tables.getTable(target, columns, new TableListener() {
            private volatile boolean finished;

            @Override
            public boolean next(TableEvent event) {
                rows.add(event);
                return true;
            }

            @Override
            public void finished(TableEvent event) {
                finished = true;
                if (event.isError()) {
                    result.completeExceptionally(new SnmpException(target.getAddress() + ": " + event.getErrorMessage()));
                } else {
                    result.complete(rows);
                }
            }

            @Override
            public boolean isFinished() {
                return finished;
            }
        }, null, null, null);
        return result;
    }

    private static String report(PDU report) {
        return report.getVariableBindings().isEmpty() ? "report" : report.get(0).getOid().toString().startsWith("1.3.6.1.6.3.15.1.1.5")
                ? "wrong digest (authentication key)" : report.get(0).getOid().toString().startsWith("1.3.6.1.6.3.15.1.1.3")
                ? "unknown user" : "report " + report.get(0);
    }

    private static RouterSnapshot snapshot(VariableBinding[] system, List<TableEvent> rows, List<TableEvent> duplexRows) {
        Map<Integer, RouterSnapshot.Duplex> duplex = new java.util.HashMap<>();
        for (TableEvent row : duplexRows) {
            VariableBinding vb = row.getColumns()[0];
            if (vb != null) {
                int value = vb.getVariable().toInt();
                duplex.put(row.getIndex().last(), value == 3 ? RouterSnapshot.Duplex.FULL : value == 2 ? RouterSnapshot.Duplex.HALF : RouterSnapshot.Duplex.UNKNOWN);
            }
        }
        List<RouterSnapshot.InterfaceStatus> interfaces = new ArrayList<>();
        for (TableEvent row : rows) {
            VariableBinding[] c = row.getColumns();
            int index = row.getIndex().last();
            String name = c[6] != null ? c[6].getVariable().toString() : c[0] != null ? c[0].getVariable().toString() : "if" + index;
            long speed = c[7] != null ? c[7].getVariable().toLong() : c[1] != null ? c[1].getVariable().toLong() / 1_000_000 : 0;
            interfaces.add(new RouterSnapshot.InterfaceStatus(index, name, c[8] == null ? "" : c[8].getVariable().toString(),
                    c[2] != null && c[2].getVariable().toInt() == 1, c[3] != null && c[3].getVariable().toInt() == 1, speed,
                    duplex.getOrDefault(index, RouterSnapshot.Duplex.UNKNOWN),
                    c[4] == null ? 0 : c[4].getVariable().toLong(), c[5] == null ? 0 : c[5].getVariable().toLong()));
        }
        return new RouterSnapshot(Instant.now(), system[0].getVariable().toString(), system[2].getVariable().toString(),
                system[1].getVariable().toLong(), interfaces);
    }

    @Override
    public void close() throws IOException {
        discovery.shutdownNow();
        snmp.close();
    }
}
