package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.inventory.TestInventory;
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
        // the default budget: a shorter one could stop a router of the sample on a loaded machine
        return new LiveInventory(repository.resolve("inventory"), repository.resolve("templates"), CLOCK, served, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
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
}
