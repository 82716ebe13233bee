package jp.lgwan.routerconfig.change;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Whether the inventory and template files of the working tree differ from HEAD — asked by every
 * readiness probe and every {@code GET /api/inventory}. The working tree's blob ids come as git finds
 * them ({@link RevisionSnapshot#blobIdsOf}: the index's id for a file the
 * index saw as it is); the answer is kept while HEAD and every file's path, size and time stay the same,
 * so a probe on an unchanged tree reads no file at all.
 */
final class UncommittedChanges {

    private final Repository repository;
    private final List<String> folders;
    private Object lastState;
    private boolean lastAnswer;

    UncommittedChanges(Repository repository, List<String> folders) {
        this.repository = repository;
        this.folders = List.copyOf(folders);
    }

    synchronized boolean any() throws IOException, RevisionSnapshot.RevisionException {
        ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
        List<RevisionSnapshot.WorkingFile> files = RevisionSnapshot.workingTreeFiles(repository, folders);
        List<Object> state = List.of(String.valueOf(head), files.stream().map(f -> f.path() + ":" + f.size() + ":" + f.modifiedNanos()).toList());
        if (state.equals(lastState)) {
            return lastAnswer;
        }
        Map<String, ObjectId> committed = RevisionSnapshot.blobIds(repository, Constants.HEAD, folders);
        boolean changed = !committed.equals(RevisionSnapshot.blobIdsOf(repository, files));
        lastState = state;
        lastAnswer = changed;
        return changed;
    }
}
