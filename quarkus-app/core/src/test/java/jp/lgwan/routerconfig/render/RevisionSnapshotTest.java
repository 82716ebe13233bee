package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defect 6: loading a revision inflated every blob before looking at its size; a commit
 * holding a 3 GB file (3 MB in git) cost 25 s of CPU and 3 GB of temporary disk per request. A
 * blob is now refused by the size its header records, before a byte of it is inflated.
 */
class RevisionSnapshotTest {

    private static final List<String> FOLDERS = List.of("inventory", "templates");

    @TempDir
    Path repository;

    @BeforeEach
    void sample() throws Exception {
        TestInventory.sampleRepository(repository);
    }

    @Test
    void aBlobOverTheLimitIsRefusedByItsHeaderWithoutBeingInflated() throws Exception {
        // the blob claims 3 GB but holds a few bytes: inflating it would fail on a corrupt object, not refuse it by its size
        String commit = TestInventory.commitClaimedBlob(repository, "inventory/organizations/zz-huge.yaml", 3_000_000_000L);
        try (Repository repo = RevisionSnapshot.open(repository)) {
            RevisionSnapshot.RevisionTooLarge refused = assertThrows(RevisionSnapshot.RevisionTooLarge.class,
                    () -> RevisionSnapshot.of(repo, commit, FOLDERS));
            assertEquals("inventory/organizations/zz-huge.yaml at " + commit + " is 3000000000 bytes; a file of the inventory or templates may be"
                    + " at most 1048576", refused.getMessage());
        }
    }

    @Test
    void aRevisionOverItsTotalIsRefused() throws Exception {
        try (Repository repo = RevisionSnapshot.open(repository)) {
            RevisionSnapshot.Limits small = new RevisionSnapshot.Limits(1 << 20, 20_000, 1000);
            RevisionSnapshot.RevisionTooLarge refused = assertThrows(RevisionSnapshot.RevisionTooLarge.class,
                    () -> RevisionSnapshot.of(repo, "HEAD", FOLDERS, path -> true, small));
            assertTrue(refused.getMessage().startsWith("the inventory and templates at "), refused.getMessage());
            assertTrue(refused.getMessage().contains(" hold more than 1000 files or 20000 bytes ("), refused.getMessage());
            RevisionSnapshot.Limits few = new RevisionSnapshot.Limits(1 << 20, 1 << 30, 3);
            assertThrows(RevisionSnapshot.RevisionTooLarge.class, () -> RevisionSnapshot.of(repo, "HEAD", FOLDERS, path -> true, few));
        }
    }

    @Test
    void aRevisionWithinItsLimitsIsReadWhole() throws Exception {
        long size;
        try (Stream<Path> files = Stream.concat(Files.walk(repository.resolve("inventory")), Files.walk(repository.resolve("templates")))) {
            size = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        try (Repository repo = RevisionSnapshot.open(repository); RevisionSnapshot snapshot = RevisionSnapshot.of(repo, "HEAD", FOLDERS)) {
            assertEquals(size, snapshot.bytes());
            assertEquals(Files.readString(repository.resolve("inventory/organizations/011002-sapporo.yaml")),
                    Files.readString(snapshot.root().resolve("inventory/organizations/011002-sapporo.yaml")));
        }
    }
}
