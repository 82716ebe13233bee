package jp.lgwan.routerconfig.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The inventory and templates as they were at one git revision, read through JGit (no git
 * process) into a private temporary directory that {@link #close()} removes. Only the folders
 * asked for are copied; nothing outside them is read.
 */
public final class RevisionSnapshot implements AutoCloseable {

    private final Path root;
    private final String commit;

    private RevisionSnapshot(Path root, String commit) {
        this.root = root;
        this.commit = commit;
    }

    /** Thrown when the repository or revision cannot be found; a usage problem. */
    public static final class RevisionException extends Exception {
        public RevisionException(String message) {
            super(message, null, false, false);
        }
    }

    public static Repository open(Path repoDir) throws RevisionException {
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(repoDir.toAbsolutePath().toFile());
            if (builder.getGitDir() == null) {
                throw new RevisionException(repoDir + " is not inside a git repository");
            }
            return builder.setMustExist(true).build();
        } catch (IOException e) {
            throw new RevisionException("cannot open the git repository at " + repoDir + ": " + e.getMessage());
        }
    }

    /** Copies {@code folders} (paths relative to the repository's top) as they were at {@code revision}. */
    public static RevisionSnapshot of(Repository repository, String revision, List<String> folders) throws RevisionException, IOException {
        ObjectId id;
        try {
            id = repository.resolve(revision + "^{commit}");
        } catch (IOException | RuntimeException e) {
            throw new RevisionException("cannot resolve revision " + revision + ": " + e.getMessage());
        }
        if (id == null) {
            throw new RevisionException("no revision " + revision + " in " + repository.getWorkTree());
        }
        Path root = Files.createTempDirectory("lgwan-revision-");
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilterGroup.createFromStrings(folders));
            while (tree.next()) {
                Path target = root.resolve(tree.getPathString()).normalize();
                if (!target.startsWith(root) || tree.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                    continue;
                }
                ObjectLoader blob = repository.open(tree.getObjectId(0));
                Files.createDirectories(target.getParent());
                // streamed, so a huge blob costs disk, not memory; the loader refuses it by its size
                try (var in = blob.openStream()) {
                    Files.copy(in, target);
                }
            }
            return new RevisionSnapshot(root, commit.getName());
        } catch (IOException | RuntimeException e) {
            delete(root);
            throw e;
        }
    }

    public Path root() {
        return root;
    }

    /** The full commit id the revision resolved to. */
    public String commit() {
        return commit;
    }

    @Override
    public void close() {
        delete(root);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
