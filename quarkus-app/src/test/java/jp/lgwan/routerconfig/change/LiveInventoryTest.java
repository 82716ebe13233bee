package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.render.RenderBudget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defect 4: a reload answered 200 for a HEAD whose templates did not render (4 routers
 * left without a config), a template looping 300 million times was accepted after 16 s, and a bad
 * commit on the branch after a crash left the service unable to start. Now only a revision where
 * every router renders within its budget is served; a start on an invalid HEAD serves the last
 * revision served and starts no window until a valid HEAD is reloaded.
 */
class LiveInventoryTest {

    private static final String NEC_TEMPLATE = "templates/nec-ix/router.ftl";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneId.of("Asia/Tokyo"));

    @TempDir
    Path repository;

    /** What PostgreSQL keeps across restarts, here in memory. */
    private final List<String> servedLog = new ArrayList<>();
    private final ServedRevisions served = new ServedRevisions() {
        @Override
        public void record(String commit, String servedBy) {
            servedLog.add(commit);
        }

        @Override
        public Optional<String> lastServed() {
            return servedLog.isEmpty() ? Optional.empty() : Optional.of(servedLog.get(servedLog.size() - 1));
        }
    };

    @BeforeEach
    void sample() throws Exception {
        TestInventory.sampleRepository(repository);
    }

    private LiveInventory start() {
        return start(Optional.empty());
    }

    /** A start that keeps its snapshots in {@code snapshots}, as serve does in DATA/inventory-snapshots. */
    LiveInventory start(Optional<Path> snapshots) {
        // the default budget: a shorter one could stop a router of the sample on a loaded machine
        return new LiveInventory(repository.resolve("inventory"), repository.resolve("templates"), CLOCK, served, RenderBudget.DEFAULT,
                Optional.empty(), Optional.empty(), snapshots);
    }

    private String commit(String file, UnaryOperator<String> edit) {
        return TestInventory.commit(repository, file, edit, "edit " + file);
    }

    @Test
    void aReloadOfAHeadWhereRoutersDoNotRenderIsRefusedAndTheOldOneServes() throws Exception {
        LiveInventory inventory = start();
        String good = inventory.current().commit();
        assertEquals(List.of(good), servedLog, "the start records what it serves");
        String bad = commit(NEC_TEMPLATE, text -> "${no_such_value}\n" + text);

        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> inventory.reload("engineer"));
        assertEquals(422, refused.status());
        assertEquals("invalid-inventory", refused.type());
        assertEquals(bad, refused.extensions().get("inventory_revision"));
        assertEquals(List.of(
                        NEC_TEMPLATE + ":1:3: template-error: lgrt.pref.ehime.lgwan.jp: no_such_value is null or missing",
                        NEC_TEMPLATE + ":1:3: template-error: lgrt.town.kumakogen.lgwan.jp: no_such_value is null or missing",
                        NEC_TEMPLATE + ":1:3: template-error: lgrt.town.niseko.lgwan.jp: no_such_value is null or missing"),
                refused.extensions().get("errors"));
        assertTrue(refused.getMessage().startsWith("the inventory at " + bad + " has 3 routers that do not render; the first: " + NEC_TEMPLATE
                + ":1:3:"), refused.getMessage());
        assertEquals(good, inventory.current().commit(), "the old revision keeps serving");
        assertEquals(List.of(good), servedLog);
    }

    @Test
    void aTemplatePastItsTimeBudgetIsRefusedNamingRouterAndLine() throws Exception {
        LiveInventory inventory = start();
        String good = inventory.current().commit();
        commit("templates/frr/router.ftl", text -> "<#list 1..300000000 as i></#list>\n" + text);

        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> inventory.reload("engineer"));
        assertEquals(422, refused.status());
        assertEquals("render-over-budget", refused.type());
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) refused.extensions().get("errors");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("templates/frr/router\\.ftl:1:0: template-error: lgrt\\.[a-z.-]+\\.lgwan\\.jp: stopped: the template ran"
                + " longer than 2000 ms \\(the time budget per router\\)"), errors.get(0));
        assertEquals(good, inventory.current().commit());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aStartOnAnInvalidHeadServesTheLastGoodRevisionAndStartsNoWindowUntilAValidHeadIsReloaded() throws Exception {
        String good = start().current().commit();
        // after a crash, a bad commit lands on the branch
        String bad = commit(NEC_TEMPLATE, text -> "${no_such_value}\n" + text);

        LiveInventory restarted = start();
        assertEquals(good, restarted.current().commit(), "serves the last good revision");
        LiveInventory.HeadRefused refused = restarted.headRefused().orElseThrow();
        assertEquals(bad, refused.head());
        assertEquals(good, refused.servedInstead());
        assertEquals(3, refused.errors().size(), refused.errors().toString());
        assertTrue(refused.errors().get(0).startsWith(NEC_TEMPLATE + ":1:3: template-error: lgrt.pref.ehime.lgwan.jp:"), refused.errors().get(0));
        ChangeRefused noWindow = assertThrows(ChangeRefused.class, () -> restarted.requireHeadServed("starting planned outage 7"));
        assertEquals(409, noWindow.status());
        assertEquals("inventory-head-invalid", noWindow.type());
        assertTrue(noWindow.getMessage().startsWith("starting planned outage 7 is refused: the service serves the last good revision " + good
                + " because HEAD " + bad + " cannot be served ("), noWindow.getMessage());

        // a reload while HEAD is still bad changes nothing
        assertThrows(ChangeRefused.class, () -> restarted.reload("engineer"));
        assertTrue(restarted.headRefused().isPresent());

        String fixed = commit(NEC_TEMPLATE, text -> text.replace("${no_such_value}\n", ""));
        assertEquals(fixed, restarted.reload("engineer").commit());
        assertTrue(restarted.headRefused().isEmpty());
        restarted.requireHeadServed("starting planned outage 7");
        assertEquals(List.of(good, fixed), servedLog);
    }

    @Test
    void aFirstStartOnAnInvalidHeadHasNothingToServe() throws Exception {
        String bad = commit(NEC_TEMPLATE, text -> "${no_such_value}\n" + text);
        LiveInventory.NothingToServe nothing = assertThrows(LiveInventory.NothingToServe.class, this::start);
        assertTrue(nothing.getMessage().startsWith("HEAD " + bad + " cannot be served and no earlier revision was: the inventory at " + bad
                + " has 3 routers that do not render; the first: " + NEC_TEMPLATE + ":1:3:"), nothing.getMessage());
    }

    // --- issue 18: a restart at the same HEAD reads the served revision from its snapshot instead of parsing and rendering it

    @TempDir
    Path data;

    private Path snapshotFolder() {
        return data.resolve("inventory-snapshots");
    }

    @Test
    void aRestartAtTheSameHeadServesFromItsSnapshotTheSameRoutersAndConfigsAsAColdStart() throws Exception {
        LiveInventory cold = start(Optional.of(snapshotFolder()));
        assertFalse(cold.startedFromSnapshot());
        String head = cold.current().commit();
        assertTrue(Files.isRegularFile(snapshotFolder().resolve(head + InventorySnapshots.SUFFIX)), "the cold start leaves a snapshot");

        LiveInventory restarted = start(Optional.of(snapshotFolder()));
        assertTrue(restarted.startedFromSnapshot(), "the restart reads it");
        assertSameRevision(cold.current(), restarted.current());
        assertEquals(List.of(head, head), servedLog, "a start from a snapshot records what it serves as well");
        assertTrue(restarted.current().router("lgrt.city.sapporo.lgwan.jp").isPresent());
        var router = restarted.current().router("lgrt.city.sapporo.lgwan.jp").orElseThrow();
        assertEquals("011002", restarted.current().inventory().ownerOf(router).code(), "the indexes are made again");
    }

    @Test
    void aChangedHeadIsNotServedFromTheSnapshotOfTheCommitBefore() throws Exception {
        String before = start(Optional.of(snapshotFolder())).current().commit();
        String after = commit("inventory/organizations/011002-sapporo.yaml", text -> text.replace("name_en: Sapporo City", "name_en: Sapporo Town"));

        LiveInventory restarted = start(Optional.of(snapshotFolder()));
        assertFalse(restarted.startedFromSnapshot(), "no snapshot of the new HEAD yet");
        assertEquals(after, restarted.current().commit());
        assertEquals("Sapporo Town", restarted.current().inventory().organization("011002").orElseThrow().nameEn());
        assertTrue(restarted.current().config("lgrt.city.sapporo.lgwan.jp").orElseThrow().text().contains("Sapporo Town"));
        assertSameRevision(start(Optional.empty()).current(), restarted.current());
        assertTrue(Files.isRegularFile(snapshotFolder().resolve(after + InventorySnapshots.SUFFIX)));
        assertTrue(Files.isRegularFile(snapshotFolder().resolve(before + InventorySnapshots.SUFFIX)), "the one before is kept too");
    }

    @Test
    void aReloadLeavesTheSnapshotOfTheHeadItServes() throws Exception {
        LiveInventory inventory = start(Optional.of(snapshotFolder()));
        String after = commit("inventory/organizations/011002-sapporo.yaml", text -> text.replace("name_en: Sapporo City", "name_en: Sapporo Town"));
        assertEquals(after, inventory.reload("engineer").commit());

        LiveInventory restarted = start(Optional.of(snapshotFolder()));
        assertTrue(restarted.startedFromSnapshot());
        assertSameRevision(inventory.current(), restarted.current());
    }

    @Test
    void aDamagedSnapshotIsIgnoredAndMadeAgain() throws Exception {
        String head = start(Optional.of(snapshotFolder())).current().commit();
        Path file = snapshotFolder().resolve(head + InventorySnapshots.SUFFIX);
        byte[] good = Files.readAllBytes(file);
        LiveInventory reference = start(Optional.empty());
        List<byte[]> damages = List.of(
                java.util.Arrays.copyOf(good, good.length / 2),                   // cut short (a full disk, a crash of the copy)
                flipped(good, good.length / 2),                                   // one byte changed in the configs
                flipped(good, 100),                                               // one byte changed in what it was made from
                flipped(good, good.length - 3),                                   // in the checksum
                java.util.Arrays.copyOf(good, good.length + 1),                   // a byte too many
                new byte[0]);
        for (byte[] damaged : damages) {
            Files.write(file, damaged);
            LiveInventory restarted = start(Optional.of(snapshotFolder()));
            assertFalse(restarted.startedFromSnapshot(), "a damaged snapshot of " + damaged.length + " bytes is not used");
            assertSameRevision(reference.current(), restarted.current());
            assertTrue(start(Optional.of(snapshotFolder())).startedFromSnapshot(), "the start after made it again");
        }
    }

    @Test
    void aSnapshotIsNotReadOnAnotherDayOrBudget() throws Exception {
        String head = start(Optional.of(snapshotFolder())).current().commit();
        // end of support is judged as of the day: the next day validates again
        LiveInventory nextDay = new LiveInventory(repository.resolve("inventory"), repository.resolve("templates"), CLOCK, served, RenderBudget.DEFAULT,
                Optional.empty(), Optional.of(java.time.LocalDate.parse("2026-11-26")), Optional.of(snapshotFolder()));
        assertFalse(nextDay.startedFromSnapshot());
        assertEquals(head, nextDay.current().commit());
        LiveInventory otherBudget = new LiveInventory(repository.resolve("inventory"), repository.resolve("templates"), CLOCK, served,
                new RenderBudget(RenderBudget.DEFAULT.time(), 2_000_000), Optional.empty(), Optional.of(java.time.LocalDate.parse("2026-11-26")),
                Optional.of(snapshotFolder()));
        assertFalse(otherBudget.startedFromSnapshot());
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x20;
        return copy;
    }

    /** The same commit, inventory (every record), configs (text and model) and dialects. */
    private static void assertSameRevision(InventoryRevision expected, InventoryRevision actual) {
        assertEquals(expected.commit(), actual.commit());
        assertEquals(expected.inventory().organizations(), actual.inventory().organizations());
        assertEquals(expected.inventory().network(), actual.inventory().network());
        assertEquals(expected.inventory().vendorProfiles(), actual.inventory().vendorProfiles());
        assertEquals(expected.inventory().operations(), actual.inventory().operations());
        assertEquals(expected.configs(), actual.configs());
        assertEquals(expected.dialects().keySet(), actual.dialects().keySet());
        expected.dialects().forEach((profile, dialect) -> assertEquals(dialect.toString(), actual.dialects().get(profile).toString(), profile));
        assertTrue(actual.problems().isEmpty());
    }

    @Test
    void uncommittedChangesAreToldFromTheIndexAndFollowEveryEdit() throws Exception {
        LiveInventory inventory = start();
        assertFalse(inventory.hasUncommittedChanges());
        Path sapporo = repository.resolve("inventory/organizations/011002-sapporo.yaml");
        String committed = Files.readString(sapporo);

        Files.writeString(sapporo, committed.replace("Sapporo City", "Sapporo Citx")); // the same size, a later time
        assertTrue(inventory.hasUncommittedChanges(), "an edit of the same size");
        assertTrue(inventory.hasUncommittedChanges(), "asked again");
        Files.writeString(sapporo, committed);
        assertFalse(inventory.hasUncommittedChanges(), "the committed text again, though its time changed");

        Path added = repository.resolve("inventory/organizations/999999-new.yaml");
        Files.writeString(added, "code: '999999'\n");
        assertTrue(inventory.hasUncommittedChanges(), "a file not committed");
        Files.delete(added);
        assertFalse(inventory.hasUncommittedChanges());
        Files.delete(repository.resolve("templates/frr/router.ftl"));
        assertTrue(inventory.hasUncommittedChanges(), "a template deleted");
        TestInventory.commit(repository, "inventory/organizations/011002-sapporo.yaml", text -> text.replace("Sapporo City", "Sapporo Town"), "x");
        assertTrue(inventory.hasUncommittedChanges(), "the deleted template is still not committed");
    }
}
