package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An accepted connection application's draft commit (issue 15, point 7), on a repository of the sample. */
class DraftCommitsTest {

    private static final String FILE = "inventory/organizations/018015-kumiai018015.yaml";

    @TempDir
    Path repository;

    @Test
    void theDraftIsABranchOnHeadAndNothingElseMoves() throws Exception {
        TestInventory.sampleRepository(repository);
        try (Git git = Git.open(repository.toFile()); Repository repo = git.getRepository(); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("HEAD^{commit}");
            DraftCommits.DraftCommit draft = DraftCommits.commit(repo, "drafts/connection-application-7", FILE, "code: \"018015\"\n",
                    "Draft it\n", "operator");
            RevCommit drafted = walk.parseCommit(repo.resolve("refs/heads/drafts/connection-application-7"));
            assertEquals(draft.commit(), drafted.name());
            assertEquals(head, drafted.getParent(0).getId());
            assertEquals("operator", drafted.getAuthorIdent().getName());
            try (TreeWalk file = TreeWalk.forPath(repo, FILE, drafted.getTree())) {
                assertEquals("code: \"018015\"\n", new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
            // every other file of HEAD is on the branch as it was
            try (TreeWalk sample = TreeWalk.forPath(repo, "inventory/organizations/011002-sapporo.yaml", drafted.getTree())) {
                assertEquals(TreeWalk.forPath(repo, "inventory/organizations/011002-sapporo.yaml", walk.parseCommit(head).getTree()).getObjectId(0),
                        sample.getObjectId(0));
            }
            assertEquals(head, repo.resolve("HEAD^{commit}"), "HEAD did not move");
            assertEquals("main", repo.getBranch());
            assertNull(TreeWalk.forPath(repo, FILE, walk.parseCommit(head).getTree()));
            assertEquals(false, Files.exists(repository.resolve(FILE)), "not in the working tree");
            assertEquals(true, git.status().call().isClean(), "index and working tree as they were");

            // a second try of the same draft (a transaction rolled back after the first) replaces its branch
            DraftCommits.DraftCommit again = DraftCommits.commit(repo, "drafts/connection-application-7", FILE, "code: \"018015\"\n# again\n",
                    "Draft it again\n", "operator");
            assertEquals(again.commit(), repo.resolve("refs/heads/drafts/connection-application-7").name());
        }
    }

    @Test
    void anOrganizationThatHasAFileIsRefused() throws Exception {
        TestInventory.sampleRepository(repository);
        try (Git git = Git.open(repository.toFile()); Repository repo = git.getRepository()) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> DraftCommits.commit(repo, "drafts/connection-application-8",
                    "inventory/organizations/011002-sapporo.yaml", "code: \"011002\"\n", "Draft it\n", "operator"));
            assertEquals("organization-file-exists", refused.type());
            assertNull(repo.resolve("refs/heads/drafts/connection-application-8"), "no branch");
        }
    }
}
