package jp.lgwan.routerconfig.device;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.inventory.SnmpCapabilities;
import jp.lgwan.routerconfig.inventory.SnmpObject;
import org.jboss.logging.Logger;
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
import org.snmp4j.security.UsmTimeEntry;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableListener;
import org.snmp4j.util.TableUtils;

/**
 * Polls routers over SNMP: SNMPv3 authPriv by default (HMAC-SHA-256 or HMAC-SHA1-96, AES-128), v2c
 * only where the inventory says so. Reads the system group (and the uptimes that tell a restart)
 * with GET, then ifTable, and ifXTable and EtherLike-MIB's duplex where the platform exposes them,
 * with GETBULK; every request is asynchronous, so one probe polls thousands of routers at once on
 * one socket. Each router's engine id is discovered once and its user localized to it, so routers
 * sharing a user name may still have different keys; an agent that answers with a new engine id (it
 * was re-installed) is discovered again on the spot.
 */
public final class SnmpProbe implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SnmpProbe.class);

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    static final OID IF_SPEED = new OID("1.3.6.1.2.1.2.2.1.5");
    static final OID IF_ADMIN_STATUS = new OID("1.3.6.1.2.1.2.2.1.7");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
    static final OID IF_IN_ERRORS = new OID("1.3.6.1.2.1.2.2.1.14");
    static final OID IF_OUT_ERRORS = new OID("1.3.6.1.2.1.2.2.1.20");

    /** MIB-II's ifTable columns every agent has; the ifXTable columns follow them where the platform exposes them. */
    private static final OID[] IF_TABLE = {IF_DESCR, IF_SPEED, IF_ADMIN_STATUS, IF_OPER_STATUS, IF_IN_ERRORS, IF_OUT_ERRORS};
    private static final List<SnmpObject> IF_X_TABLE = List.of(SnmpObject.IF_NAME, SnmpObject.IF_HIGH_SPEED, SnmpObject.IF_ALIAS);

    /** The receive buffer asked for (Linux caps it at net.core.rmem_max, 4 MiB on the machines measured). */
    static final int RECEIVE_BUFFER = 8 << 20;

    private final USM usm;
    private final Snmp snmp;
    private final Map<String, CompletableFuture<OctetString>> engines = new ConcurrentHashMap<>();
    private final SnmpKeys keys = new SnmpKeys();
    /** The (engine, user, keys) already in the USM, as digests: adding a user again on every poll cost most of a poll's CPU. */
    private final Set<String> localized = ConcurrentHashMap.newKeySet();
    /** The GETs waiting for an answer, by the agent's address: a report SNMP4J drops for one of them ends it at once. */
    private final Map<Address, Set<Pending>> pending = new ConcurrentHashMap<>();
    // SNMP4J's engine discovery blocks; it runs once per router on these threads, everything else is asynchronous
    private final ExecutorService discovery = Executors.newFixedThreadPool(32, runnable -> {
        Thread thread = new Thread(runnable, "snmp-discovery");
        thread.setDaemon(true);
        return thread;
    });

    /** One GET on the wire, the engine it was sent to (null for v2c), and how to end it. */
    private record Pending(PDU request, OctetString engineId, ResponseListener listener, CompletableFuture<VariableBinding[]> result) {
    }

    /** The agent answered with a usmStatsUnknownEngineIDs report: its engine id is not the one this probe knows. */
    private static final class EngineChanged extends RuntimeException {
        EngineChanged(String message) {
            super(message, null, false, false);
        }
    }

    public SnmpProbe() throws IOException {
        usm = SnmpStack.usm(MPv3.createLocalEngineID());
        // thousands of routers answer this one socket at once: with the default buffer (~200 KiB) the kernel dropped
        // answers of a 1,000-router poll by the thousand, and each cost a 2 s timeout and a retry
        snmp = SnmpStack.start("0.0.0.0/0", usm, RECEIVE_BUFFER, this::undelivered);
    }

    /** One poll of what a standard agent exposes ({@link SnmpCapabilities#STANDARD}); fails with an {@link SnmpException}. */
    public CompletableFuture<RouterSnapshot> poll(SnmpTarget target) {
        return poll(target, SnmpCapabilities.STANDARD.objects());
    }

    /**
     * One poll of the system group, ifTable, and of the {@code exposed} objects beyond MIB-II (a
     * vendor profile's {@code snmp.objects}); fails with an {@link SnmpException}. The system group
     * is read first: an agent with a new engine id is found there, before any table walk.
     */
    public CompletableFuture<RouterSnapshot> poll(SnmpTarget target, Collection<SnmpObject> exposed) {
        Set<SnmpObject> objects = exposed.isEmpty() ? EnumSet.noneOf(SnmpObject.class) : EnumSet.copyOf(exposed);
        return attempt(target, objects).exceptionallyCompose(failure -> {
            if (!(unwrap(failure) instanceof EngineChanged changed)) {
                return CompletableFuture.failedFuture(failure);
            }
            // a re-installed agent: find its engine again and ask once more; a second report is an error to tell
            LOG.infof("%s: %s; discovering its engine again", target, changed.getMessage());
            forgetEngine(target);
            return attempt(target, objects).exceptionallyCompose(again -> CompletableFuture.failedFuture(unwrap(again) instanceof EngineChanged
                    ? new SnmpException(address(target) + ": answered with unknown-engine-ID reports again after its engine was discovered anew ("
                    + unwrap(again).getMessage() + ")")
                    : again));
        });
    }

    private CompletableFuture<RouterSnapshot> attempt(SnmpTarget target, Set<SnmpObject> objects) {
        return targetFor(target).thenCompose(t -> system(t, objects).thenCompose(system -> {
            CompletableFuture<List<TableEvent>> interfaces = table(t, interfaceColumns(objects));
            CompletableFuture<List<TableEvent>> duplex = objects.contains(SnmpObject.DOT3_STATS_DUPLEX_STATUS)
                    ? table(t, new OID[] {new OID(SnmpObject.DOT3_STATS_DUPLEX_STATUS.oid())}) : CompletableFuture.completedFuture(null);
            return interfaces.thenCombine(duplex, (rows, duplexRows) -> snapshot(t, system, objects, rows, duplexRows));
        }));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static OID[] interfaceColumns(Set<SnmpObject> objects) {
        List<OID> columns = new ArrayList<>(List.of(IF_TABLE));
        IF_X_TABLE.stream().filter(objects::contains).forEach(o -> columns.add(new OID(o.oid())));
        return columns.toArray(OID[]::new);
    }

    private static Address address(SnmpTarget target) {
        return new UdpAddress(target.host() + "/" + target.port());
    }

    private CompletableFuture<Target<Address>> targetFor(SnmpTarget target) {
        Address address = address(target);
        if (target.version() == SnmpTarget.Version.V2C) {
            CommunityTarget<Address> community = new CommunityTarget<>(address, new OctetString(target.community()));
            community.setVersion(SnmpConstants.version2c);
            community.setTimeout(target.timeout().toMillis());
            community.setRetries(target.retries());
            return CompletableFuture.completedFuture(community);
        }
        return engineId(address, target).thenApply(engineId -> {
            OID auth = target.auth() == SnmpAuthProtocol.SHA1 ? AuthSHA.ID : AuthHMAC192SHA256.ID;
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
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {engineId.toHexString(), target.user(), target.auth().name(), target.authKey(), target.privKey()}) {
                digest.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
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
                throw new CompletionException(new SnmpException(target + ": no answer to engine discovery"));
            }
            return new OctetString(id);
        }, discovery));
    }

    /** Drops the engine id known for the target, unless another poll already found a newer one. */
    private void forgetEngine(SnmpTarget target) {
        String key = address(target).toString();
        CompletableFuture<OctetString> known = engines.get(key);
        if (known != null && known.isDone()) {
            engines.remove(key, known);
        }
    }

    /**
     * An answer from {@code peer} SNMP4J could not deliver (see {@link SnmpStack.ReportHearingMPv3}). A
     * GET of ours to that address then ends now, not as a timeout: where the answer names another engine
     * than the one the GET was sent to, the agent has a new engine ({@link EngineChanged}: discover it
     * again); where it is a report of the same engine, the agent refused the GET and the report says why.
     */
    private void undelivered(Address peer, OctetString engine, PDU report) {
        Set<Pending> waiting = pending.get(peer);
        if (waiting == null) {
            return;
        }
        for (Pending request : List.copyOf(waiting)) {
            if (request.engineId() == null) {
                continue;
            }
            Throwable failure = !request.engineId().equals(engine)
                    ? new EngineChanged("the agent answered with " + (report == null ? "a message" : "a " + report(report) + " report") + " from engine "
                    + engine.toHexString() + ", not " + request.engineId().toHexString())
                    : refusal(report) ? new SnmpException(peer + ": refused: " + report(report)) : null;
            if (failure != null) {
                snmp.cancel(request.request(), request.listener());
                request.result().completeExceptionally(failure);
            }
        }
    }

    /**
     * A report that no resend will change: the agent has no such user, or the keys or the security
     * level are wrong. (A usmStatsNotInTimeWindows report is not one: SNMP4J sends the request again
     * with the agent's time.)
     */
    private static boolean refusal(PDU report) {
        if (report == null || report.getVariableBindings().isEmpty()) {
            return false;
        }
        OID oid = report.get(0).getOid();
        return oid.startsWith(SnmpConstants.usmStatsUnknownUserNames) || oid.startsWith(SnmpConstants.usmStatsWrongDigests)
                || oid.startsWith(SnmpConstants.usmStatsDecryptionErrors) || oid.startsWith(SnmpConstants.usmStatsUnsupportedSecLevels);
    }

    private CompletableFuture<SystemGroup> system(Target<Address> target, Set<SnmpObject> objects) {
        List<OID> oids = new ArrayList<>(List.of(SYS_DESCR, SYS_UPTIME, SYS_NAME));
        for (SnmpObject scalar : List.of(SnmpObject.HR_SYSTEM_UPTIME, SnmpObject.SNMP_ENGINE_BOOTS)) {
            if (objects.contains(scalar)) {
                oids.add(new OID(scalar.oid()));
            }
        }
        return get(target, oids.toArray(OID[]::new)).thenApply(bindings -> {
            Map<OID, VariableBinding> byOid = new HashMap<>();
            for (VariableBinding binding : bindings) {
                byOid.put(binding.getOid(), binding);
            }
            return new SystemGroup(Instant.now(), byOid);
        });
    }

    /** The answer to the system GET, by OID, and when it came (the uptimes in it count to that moment). */
    private record SystemGroup(Instant at, Map<OID, VariableBinding> bindings) {
        /** The value of {@code oid}, or null where the agent has no such object. */
        VariableBinding get(OID oid) {
            VariableBinding binding = bindings.get(oid);
            return binding == null || binding.isException() ? null : binding;
        }
    }

    private CompletableFuture<VariableBinding[]> get(Target<Address> target, OID... oids) {
        PDU pdu = target.getVersion() == SnmpConstants.version3 ? new ScopedPDU() : new PDU();
        pdu.setType(PDU.GET);
        pdu.setRequestID(new Integer32(snmp.getNextRequestID()));
        for (OID oid : oids) {
            pdu.add(new VariableBinding(oid));
        }
        CompletableFuture<VariableBinding[]> result = new CompletableFuture<>();
        ResponseListener listener = new ResponseListener() {
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
        };
        Pending request = new Pending(pdu, target instanceof UserTarget<?> user ? new OctetString(user.getAuthoritativeEngineID()) : null,
                listener, result);
        // added and removed under the map's lock for the address, so no request lands in a set already dropped
        pending.compute(target.getAddress(), (a, set) -> {
            Set<Pending> waiting = set == null ? ConcurrentHashMap.newKeySet() : set;
            waiting.add(request);
            return waiting;
        });
        result.whenComplete((bindings, failure) -> pending.computeIfPresent(target.getAddress(), (a, set) -> {
            set.remove(request);
            return set.isEmpty() ? null : set;
        }));
        try {
            snmp.send(pdu, target, null, listener);
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
        if (report.getVariableBindings().isEmpty()) {
            return "report";
        }
        OID oid = report.get(0).getOid();
        return oid.startsWith(SnmpConstants.usmStatsWrongDigests) ? "wrong digest (authentication key)"
                : oid.startsWith(SnmpConstants.usmStatsUnknownUserNames) ? "unknown user"
                : oid.startsWith(SnmpConstants.usmStatsUnknownEngineIDs) ? "unknown engine id"
                : oid.startsWith(SnmpConstants.usmStatsDecryptionErrors) ? "decryption error (privacy key)"
                : oid.startsWith(SnmpConstants.usmStatsUnsupportedSecLevels) ? "unsupported security level"
                : "report " + report.get(0);
    }

    private RouterSnapshot snapshot(Target<Address> target, SystemGroup system, Set<SnmpObject> objects, List<TableEvent> rows,
                                    List<TableEvent> duplexRows) {
        Map<Integer, RouterSnapshot.Duplex> duplex = null;
        if (duplexRows != null) {
            duplex = new HashMap<>();
            for (TableEvent row : duplexRows) {
                VariableBinding vb = row.getColumns()[0];
                if (vb != null) {
                    int value = vb.getVariable().toInt();
                    duplex.put(row.getIndex().last(), value == 3 ? RouterSnapshot.Duplex.FULL : value == 2 ? RouterSnapshot.Duplex.HALF
                            : RouterSnapshot.Duplex.UNKNOWN);
                }
            }
        }
        int ifName = -1;
        int ifHighSpeed = -1;
        int ifAlias = -1;
        int column = IF_TABLE.length;
        for (SnmpObject x : IF_X_TABLE) {
            if (objects.contains(x)) {
                if (x == SnmpObject.IF_NAME) {
                    ifName = column;
                } else if (x == SnmpObject.IF_HIGH_SPEED) {
                    ifHighSpeed = column;
                } else {
                    ifAlias = column;
                }
                column++;
            }
        }
        List<RouterSnapshot.InterfaceStatus> interfaces = new ArrayList<>();
        for (TableEvent row : rows) {
            VariableBinding[] c = row.getColumns();
            int index = row.getIndex().last();
            VariableBinding name = at(c, ifName);
            VariableBinding highSpeed = at(c, ifHighSpeed);
            VariableBinding alias = at(c, ifAlias);
            interfaces.add(new RouterSnapshot.InterfaceStatus(index,
                    name != null ? name.getVariable().toString() : c[0] != null ? c[0].getVariable().toString() : "if" + index,
                    name != null ? "ifName" : "ifDescr",
                    ifAlias < 0 ? null : alias == null ? "" : alias.getVariable().toString(),
                    c[2] != null && c[2].getVariable().toInt() == 1, c[3] != null && c[3].getVariable().toInt() == 1,
                    highSpeed != null ? highSpeed.getVariable().toLong() : c[1] != null ? c[1].getVariable().toLong() / 1_000_000 : 0,
                    highSpeed != null ? "ifHighSpeed" : "ifSpeed",
                    duplex == null ? null : duplex.getOrDefault(index, RouterSnapshot.Duplex.UNKNOWN),
                    c[4] == null ? 0 : c[4].getVariable().toLong(), c[5] == null ? 0 : c[5].getVariable().toLong()));
        }
        VariableBinding hrUptime = system.get(new OID(SnmpObject.HR_SYSTEM_UPTIME.oid()));
        VariableBinding boots = system.get(new OID(SnmpObject.SNMP_ENGINE_BOOTS.oid()));
        String engineId = target instanceof UserTarget<?> user ? user.getAuthoritativeEngineID() == null ? null
                : new OctetString(user.getAuthoritativeEngineID()).toHexString() : null;
        RouterSnapshot.Reading engineBoots = boots != null ? reading(boots, SnmpObject.SNMP_ENGINE_BOOTS)
                : engineId == null ? null : headerBoots(user(target));
        return new RouterSnapshot(system.at(), text(system.get(SYS_DESCR)), text(system.get(SYS_NAME)), engineId,
                new RouterSnapshot.Reading(system.get(SYS_UPTIME) == null ? 0 : system.get(SYS_UPTIME).getVariable().toLong(),
                        "sysUpTime " + SYS_UPTIME),
                hrUptime == null ? null : reading(hrUptime, SnmpObject.HR_SYSTEM_UPTIME), engineBoots, interfaces);
    }

    private static UserTarget<?> user(Target<Address> target) {
        return (UserTarget<?>) target;
    }

    /** The engine boots the agent's last authenticated answer carried in its SNMPv3 header (RFC 3414 2.2.2), as the USM keeps it. */
    private RouterSnapshot.Reading headerBoots(UserTarget<?> target) {
        UsmTimeEntry time = usm.getTimeTable().getEntry(new OctetString(target.getAuthoritativeEngineID()));
        return time == null ? null : new RouterSnapshot.Reading(time.getEngineBoots(), "msgAuthoritativeEngineBoots (SNMPv3 header)");
    }

    private static RouterSnapshot.Reading reading(VariableBinding binding, SnmpObject object) {
        return new RouterSnapshot.Reading(binding.getVariable().toLong(), object.descriptor() + " " + object.oid());
    }

    private static String text(VariableBinding binding) {
        return binding == null ? "" : binding.getVariable().toString();
    }

    private static VariableBinding at(VariableBinding[] columns, int index) {
        return index < 0 || index >= columns.length ? null : columns[index];
    }

    @Override
    public void close() throws IOException {
        discovery.shutdownNow();
        snmp.close();
    }
}
