package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.TestClock;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The step journal's JSON, pinned: what every kind of step writes as its evidence (and a router's failed
 * checks), from real pushes to lab routers, compared with {@code rollout-step-evidence.json}. The file was
 * written from the code as it was before the evidence became typed, and the typed records must write the
 * same JSON: the API, the console and the service desk read it, and rows already stored hold it. Keys are
 * compared as a set (PostgreSQL's jsonb keeps its own key order); values that change from run to run —
 * timings, uptimes, counters, instants — are compared by their JSON type only.
 *
 * <p>{@code -Dpin.update=true} rewrites the file from the code as it is (only when the JSON is meant to change).
 */
class StepEvidenceJsonTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final String AKAIGAWA = "lgrt.vill.akaigawa.lgwan.jp";
    private static final Path PINNED = Path.of("quarkus-app/src/test/resources/rollout-step-evidence.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Values that differ from run to run: compared by type only. */
    private static final java.util.Set<String> VOLATILE = java.util.Set.of("poll_ms", "save_ms", "sys_up_time_ticks", "hr_system_uptime_ticks",
            "engine_boots", "engine_id", "wan_in_errors", "backup_id", "rtt_avg_ms");

    private static final String ERRORS = "wan-errors-not-rising";

    private final Inventory inventory;
    private final List<LabFleet> fleets = new ArrayList<>();
    private final SnmpProbe probe;
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
    private final ArrayNode recorded = JsonNodeFactory.instance.arrayNode();

    StepEvidenceJsonTest() throws Exception {
        inventory = new InventoryLoader().load(Path.of("inventory"), TestInventory.AS_OF).inventory();
        probe = new SnmpProbe();
    }

    @AfterEach
    void stop() throws Exception {
        watchdogs.shutdownNow();
        probe.close();
        for (LabFleet fleet : fleets) {
            fleet.close();
        }
    }

    /** Every step a scenario records, as {@code {scenario, step, outcome, state, evidence}}. */
    private final class Capture extends RecordingLedger {
        private final String scenario;

        Capture(String scenario) {
            this.scenario = scenario;
        }

        @Override
        public void step(State state, String name, String outcome, StepEvidence evidence) {
            super.step(state, name, outcome, evidence);
            ObjectNode step = recorded.addObject();
            step.put("scenario", scenario);
            step.put("step", name);
            step.put("outcome", outcome);
            step.put("state", state.name());
            step.set("evidence", stored(evidence));
        }
    }

    /** A value as the journal stores it: written by the ledger's JSON, read back. */
    private static JsonNode stored(Object value) {
        try {
            return JSON.readTree(Json.write(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Lab(LabFleet fleet, RouterPush.Target target) {
    }

    /** {@code hostname} booted on its intended config with the WAN description changed, and the target that puts it back. */
    private Lab lab(String hostname, Clock clock, Consumer<LabFleet> before, RouterPush.Force force, List<String> hostChanges) throws Exception {
        return lab(hostname, clock, before, force, hostChanges, true);
    }

    private Lab lab(String hostname, Clock clock, Consumer<LabFleet> before, RouterPush.Force force, List<String> hostChanges, boolean old)
            throws Exception {
        ConnectionRouter router = inventory.router(hostname).orElseThrow();
        String intended = new ConfigRenderer(Path.of("templates")).render(inventory, router).text();
        Verification.IntendedWan wan = Verification.IntendedWan.of(inventory, router);
        String running = old ? intended.replace(wan.description(), wan.description() + " old") : intended;
        LabFleet fleet = LabFleet.start(inventory, r -> r.hostname().equals(hostname) ? Optional.of(running) : Optional.empty(), clock);
        fleets.add(fleet);
        before.accept(fleet);
        RouterPush.Target target = new RouterPush.Target(hostname, fleet.resolveSecrets(intended), Dialect.load(Path.of("templates"),
                router.vendorProfile()), wan, fleet.access(router), hostChanges).forced(force);
        return new Lab(fleet, target);
    }

    private Lab lab(String hostname) throws Exception {
        return lab(hostname, Clock.systemUTC(), fleet -> { }, null, List.of());
    }

    private RouterPush push() {
        return push(Duration.ZERO);
    }

    private RouterPush push(Duration settle) {
        return new RouterPush(probe, watchdogs, RolloutPolicy.defaults(settle, "test"), Clock.systemUTC());
    }

    private void outcome(String scenario, RouterPush.Outcome outcome) {
        ObjectNode end = recorded.addObject();
        end.put("scenario", scenario);
        end.put("state", outcome.state().name());
        end.set("failed_checks", stored(StepJournal.failedChecks(outcome)));
    }

    @Test
    void everyKindOfStepWritesTheJsonItWroteBefore() throws Exception {
        Lab sapporo = lab(SAPPORO);
        outcome("push", push().run(sapporo.target(), new Capture("push")));
        outcome("push again", push().run(sapporo.target(), new Capture("push again")));

        outcome("dry run", push().dryRun(lab(SAPPORO).target(), new Capture("dry run")));

        Lab host = lab(SAPPORO, Clock.systemUTC(), fleet -> { }, null, List.of("host: link 1000-full"));
        outcome("host settings", push().run(host.target(), new Capture("host settings")));
        outcome("host settings again", push().run(host.target(), new Capture("host settings again")));

        // the carrier's device forced to 100-full against the router's auto: the router falls back to half duplex, before and after
        Lab mismatch = lab(AKAIGAWA, Clock.systemUTC(), fleet -> fleet.router(AKAIGAWA).orElseThrow().state()
                .cable("lan2", InterfaceMode.parse("100-full")), new RouterPush.Force("operator", "the journal's JSON under test"), List.of());
        // polls 200 ms apart: the mismatch's errors (25 a second) rise between them, in the pre-check and the post-check alike
        outcome("forced, rolled back", push(Duration.ofMillis(200)).run(mismatch.target(), new Capture("forced, rolled back")));

        Lab silent = lab(SAPPORO, Clock.systemUTC(), fleet -> fleet.router(SAPPORO).orElseThrow().snmp().silent(true), null, List.of());
        outcome("no answer", push().run(silent.target(), new Capture("no answer")));

        // a power-cut window's return check, on a clock the test moves
        TestClock clock = new TestClock();
        Lab cut = lab(SAPPORO, clock, fleet -> { }, null, List.of(), false);
        // up since before the window: back, with a note that it did not restart
        clock.advance(Duration.ofMinutes(1));
        Instant windowStart = clock.instant();
        clock.advance(Duration.ofHours(1));
        ReturnCheck returnCheck = new ReturnCheck(probe, Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(30), clock, clock::advance);
        outcome("back", returnCheck.run(cut.target().wan(), cut.target().access(), cut.target().dialect(), windowStart,
                clock.instant().plus(Duration.ofMinutes(1)), new Capture("back")));
        cut.fleet().router(SAPPORO).orElseThrow().snmp().silent(true);
        outcome("not back", returnCheck.run(cut.target().wan(), cut.target().access(), cut.target().dialect(), windowStart,
                clock.instant().plus(Duration.ofMinutes(1)), new Capture("not back")));

        JsonNode actual = normalised(recorded);
        if (Boolean.getBoolean("pin.update")) {
            Files.writeString(PINNED, JSON.writeValueAsString(actual) + "\n");
        }
        JsonNode pinned;
        try (InputStream in = StepEvidenceJsonTest.class.getResourceAsStream("/rollout-step-evidence.json")) {
            pinned = JSON.readTree(in);
        }
        assertEquals(pinned.size(), actual.size(), JSON.writeValueAsString(actual));
        for (int i = 0; i < pinned.size(); i++) {
            assertEquals(pinned.get(i), actual.get(i), "entry " + i + ": " + JSON.writeValueAsString(actual.get(i)));
        }
    }

    /** The evidence no lab push above writes, each as the journal wrote it before: a save that failed, a ping that could not run, a host's uptime. */
    @Test
    void theRestWritesTheKeysItWroteBefore() throws Exception {
        assertEquals(JSON.readTree("{\"error\": \"write failed\", \"runs\": \"the verified change, confirmed but not saved\"}"),
                stored(new StepEvidence.Failure("write failed", "the verified change, confirmed but not saved")));
        assertEquals(JSON.readTree("{\"checks\": [], \"ping\": {\"address\": \"100.64.1.1\", \"command\": \"ping 100.64.1.1\","
                        + " \"error\": \"% Unrecognized host\"}}"),
                stored(new StepEvidence.PostCheck(List.of(), new StepEvidence.PingFailed("100.64.1.1", "ping 100.64.1.1", "% Unrecognized host"))));
        assertEquals(JSON.readTree("{\"sys_name\": \"frr\", \"sys_up_time_ticks\": 5, \"hr_system_uptime_ticks\": 7, \"poll_ms\": 3,"
                        + " \"checks\": []}"),
                stored(new StepEvidence.PreCheck(new StepEvidence.Poll("frr", 5, 7L, null, null, null, null), 3, List.of(), null, null)));
        assertEquals(JSON.readTree("{}"), stored(StepEvidence.None.INSTANCE));
        assertEquals(JSON.readTree("{\"error\": \"no SNMP answer\"}"), stored(new StepEvidence.RolledBack(null, null, "no SNMP answer")));
    }

    /** The checks a step stored read back as the records they were written from: what the console shows of a pre-, post- or return check. */
    @Test
    void storedChecksReadBackAsTheirRecords() throws Exception {
        List<Verification.Check> checks = List.of(new Verification.Check("wan-oper-up", true, "up", "up", "snmp ifOperStatus 1.3.6.1.2.1.2.2.1.8"),
                new Verification.Check("wan-duplex", false, "full", "half", null));
        java.util.Map<String, Object> evidence = JSON.readValue(Json.write(new StepEvidence.PostCheck(checks, null)),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {
                });
        assertEquals(checks, new RolloutJobRouter.Step("post-check", "passed", Instant.EPOCH, evidence).checks());
        assertEquals(List.of(), new RolloutJobRouter.Step("backup", "ok", Instant.EPOCH, java.util.Map.of("backup_id", 1)).checks());
        assertEquals(List.of(), new RolloutJobRouter.Step("confirm", "ok", Instant.EPOCH, null).checks());
    }

    /** Keys sorted; volatile values replaced by a value of their type; instants (Z as the pinned file was written, +09:00 as every output writes them now: Timestamps) and the restart check's readings masked. */
    private static JsonNode normalised(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), VOLATILE.contains(e.getKey()) ? typeOf(e.getValue())
                    : normalised(e.getValue())));
            if (sorted.get("name") instanceof TextNode name && sorted.containsKey("actual")
                    && List.of("restart", ERRORS).contains(name.textValue())) {
                sorted.put("actual", typeOf(sorted.get("actual")));
                if (ERRORS.equals(name.textValue()) && sorted.containsKey("passed")) {
                    sorted.put("passed", BooleanNode.FALSE);
                }
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            // a duplex mismatch's errors: whether they rose is the test's to say (the push's settle), not the journal's format
            node.forEach(n -> {
                if (!(n.has("name") && ERRORS.equals(n.get("name").asText()) && !n.has("passed"))) {
                    out.add(normalised(n));
                }
            });
            return out;
        }
        if (node.isTextual()) {
            return new TextNode(node.textValue().replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|\\+09:00)", "<instant>")
                    .replaceAll("(127\\.0\\.0\\.1)/\\d+", "$1/<port>"));
        }
        return node;
    }

    private static JsonNode typeOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return IntNode.valueOf(0);
        }
        if (value.isNumber()) {
            return DoubleNode.valueOf(0);
        }
        if (value.isTextual()) {
            return new TextNode("<text>");
        }
        return value;
    }
}
