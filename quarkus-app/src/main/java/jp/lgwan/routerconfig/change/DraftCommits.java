package jp.lgwan.routerconfig.change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A draft commit (草案) of one new inventory file on a branch of its own, for the engineers to complete
 * and validate (issue 15, point 7: an accepted connection application yields its organization's file).
 * Written into the repository's objects directly (an in-memory index over HEAD's tree plus the file):
 * HEAD, the index and the working tree the service serves from stay exactly as they were, so a draft
 * never reaches the served inventory until an engineer merges it.
 */
public final class DraftCommits {

    /** Where a draft went: its branch, its commit, the file's path in the repository. */
    public record DraftCommit(String branch, String commit, String path) {
    }

    private DraftCommits() {
    }

    /**
     * Commits {@code content} at {@code path} on {@code branch}, parented on HEAD. A file already at
     * {@code path} in HEAD is refused (a draft adds an organization, it never replaces one); a branch
     * left by an earlier try of the same draft is replaced.
     */
    static DraftCommit commit(Repository repository, String branch, String path, String content, String message, String by) {
        try (ObjectInserter inserter = repository.newObjectInserter(); RevWalk walk = new RevWalk(repository)) {
            ObjectId headId = repository.resolve(Constants.HEAD + "^{commit}");
            if (headId == null) {
                throw ChangeRefused.conflict("no-inventory-commit", "No commit to draft on",
                        "the inventory repository has no commit yet: a draft is parented on HEAD");
            }
            RevCommit head = walk.parseCommit(headId);
            if (TreeWalk.forPath(repository, path, head.getTree()) != null) {
                throw ChangeRefused.conflict("organization-file-exists", "The organization already has a file",
                        path + " is in the inventory at " + head.name() + ": a draft adds an organization, it never replaces one")
                        .with("path", path);
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), head.getTree());
            builder.finish();
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            DirCacheEditor editor = index.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(head);
            PersonIdent who = new PersonIdent(by, by + "@lgwan-config.invalid");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(commitId);
            update.setRefLogMessage("lgwan-config: " + message.lines().findFirst().orElse("draft"), false);
            RefUpdate.Result result = update.forceUpdate();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new IllegalStateException("branch " + branch + " not written: " + result);
            }
            return new DraftCommit(branch, commitId.name(), path);
        } catch (IOException e) {
            throw new IllegalStateException("the draft of " + path + " could not be committed: " + e.getMessage(), e);
        }
    }
}
