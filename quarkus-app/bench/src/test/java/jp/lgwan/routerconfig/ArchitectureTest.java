package jp.lgwan.routerconfig;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of ARCHITECTURE.md, read from the compiled classes of every module (the bench's
 * class path is the one that holds them all), with no exception listed: the packages form a tree,
 * the product never imports its lab or its bench, and {@code change} — the owner of the
 * notification and outage state machines — never reaches into {@code rollout}. The modules already
 * make most of this a compile error; this test says it in one place and catches what a changed pom
 * would let through.
 */
class ArchitectureTest {

    private static final String ROOT = "jp.lgwan.routerconfig";
    private static final List<String> PACKAGES = List.of("inventory", "render", "device", "lab", "change", "audit", "security", "database", "rollout", "api",
            "cli", "client", "bench", "live", "ops", "console");
    /** The product's classes only: not the tests, nor the test jars of core and lab. */
    private static final ImportOption PRODUCT_CLASSES = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(PRODUCT_CLASSES).importPackages(ROOT);
        for (String name : PACKAGES) {
            // a rule over classes that were never imported would pass for nothing
            assertTrue(classes.containPackage(ROOT + "." + name), "no class of " + ROOT + "." + name + " on the class path");
        }
    }

    @Test
    void packagesFormATree() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theProductNeverImportsItsLabOrItsBench() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".lab..", ROOT + ".bench..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".lab..", ROOT + ".bench..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".lab..").should().dependOnClassesThat().resideInAPackage(ROOT + ".bench..").check(classes);
    }

    @Test
    void changeNeverReachesIntoRollout() {
        noClasses().that().resideInAPackage(ROOT + ".change..").should().dependOnClassesThat().resideInAPackage(ROOT + ".rollout..").check(classes);
    }

    @Test
    void coreAndDeviceAreFrameworkFree() {
        // validate, render and diff run as plain Java (the CLI never boots Quarkus for them); drivers too
        noClasses().that().resideInAnyPackage(ROOT + ".inventory..", ROOT + ".render..", ROOT + ".device..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta.enterprise..", "jakarta.inject..",
                        "jakarta.persistence..", "jakarta.transaction..", "jakarta.ws.rs..", "org.eclipse.microprofile..", "org.hibernate.orm..")
                .check(classes);
    }

    @Test
    void theClientSpeaksTheApisJsonNotItsClasses() {
        // a client built from the service's own classes would agree with it even where the API changed; it reads the JSON
        noClasses().that().resideInAPackage(ROOT + ".client..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".change..", ROOT + ".rollout..", ROOT + ".console..",
                        "io.quarkus..", "jakarta.ws.rs..")
                .check(classes);
    }
}
