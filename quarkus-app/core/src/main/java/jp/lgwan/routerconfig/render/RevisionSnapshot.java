package jp.lgwan.routerconfig.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.load.YamlLimits;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The inventory and templates as they were at one git revision, read through JGit (no git
 * process) into a private zip file system that {@link #close()} removes. Only the folders asked
 * for are copied; nothing outside them is read. The files stay in memory (JDK's zip file system
 * keeps what is written until it is closed, a large one in a temporary file): creating a file here
 * costs about 0.5 ms of system time, so copying 3,500 organization files to disk took 2.5 s of the
 * service's start and 10,000 about 5 s of a diff.
 *
 * <p>What a revision may make this read is bounded ({@link Limits}), each blob by the size git
 * records in its header before a byte of it is inflated: a commit holding a 3 GB file that git
 * compresses to 3 MB cost 25 s of CPU and 3 GB of temporary disk per request, and now costs the
 * reading of one object header.
 */
public final class RevisionSnapshot implements AutoCloseable {

    /**
     * @param maxFileBytes  one file: what the inventory reader accepts of a file (YamlLimits), for templates too
     * @param maxTotalBytes all files: a generated fleet of 3,500 organizations is 5.6 MB with the templates, so 10,000 about
     *                      16 MB; loaded, a revision holds about 9 times its bytes of heap (LiveInventory)
     * @param maxFiles      all files: that fleet of 10,000 is about 10,000
     */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxFiles) {
        public static final Limits DEFAULT = new Limits(YamlLimits.DEFAULT.maxFileBytes(), 32L << 20, 50_000);

        /** Refuses the {@code count}-th file, of {@code size} bytes, once the files so far hold {@code total} bytes with it. */
        void admit(String path, long size, long total, int count, String commit) throws RevisionTooLarge {
            if (size > maxFileBytes) {
                throw new RevisionTooLarge(path + " at " + commit + " is " + size + " bytes; a file of the inventory or"
                        + " templates may be at most " + maxFileBytes);
            }
            if (total > maxTotalBytes || count > maxFiles) {
                throw new RevisionTooLarge("the inventory and templates at " + commit + " hold more than " + maxFiles
                        + " files or " + maxTotalBytes + " bytes (" + path + " is past that)");
            }
        }
    }

    private final FileSystem files;
    private final Path zip;
    private final Path root;
    private final String commit;
    private final long bytes;

    private RevisionSnapshot(FileSystem files, Path zip, Path root, String commit, long bytes) {
        this.files = files;
        this.zip = zip;
        this.root = root;
        this.commit = commit;
        this.bytes = bytes;
    }

    /** Thrown when the repository or revision cannot be found; a usage problem. */
    public static class RevisionException extends Exception {
        public RevisionException(String message) {
            super(message, null, false, false);
        }
    }

    /** The revision holds more than {@link Limits} allow: refused before it is read. */
    public static final class RevisionTooLarge extends RevisionException {
        public RevisionTooLarge(String message) {
            super(message);
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
        return of(repository, revision, folders, path -> true);
    }

    /** Copies only the files under {@code folders} that {@code wanted} accepts. */
    public static RevisionSnapshot of(Repository repository, String revision, List<String> folders, java.util.function.Predicate<String> wanted)
            throws RevisionException, IOException {
        return of(repository, revision, folders, wanted, Limits.DEFAULT);
    }

    /** Copies only the files under {@code folders} that {@code wanted} accepts, refusing a revision beyond {@code limits}. */
    public static RevisionSnapshot of(Repository repository, String revision, List<String> folders, java.util.function.Predicate<String> wanted,
                                      Limits limits) throws RevisionException, IOException {
        ObjectId id = commitId(repository, revision);
        Path zip = Files.createTempFile("lgwan-revision-", ".zip");
        Files.delete(zip);
        FileSystem files = FileSystems.newFileSystem(zip, Map.of("create", "true"));
        Path root = files.getPath("/revision");
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilterGroup.createFromStrings(folders));
            long total = 0;
            int count = 0;
            while (tree.next()) {
                Path target = root.resolve(tree.getPathString()).normalize();
                if (!target.startsWith(root) || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB || !wanted.test(tree.getPathString())) {
                    continue;
                }
                // the size git recorded in the object's header: nothing of the blob is inflated to learn it
                long size = tree.getObjectReader().getObjectSize(tree.getObjectId(0), Constants.OBJ_BLOB);
                total += size;
                limits.admit(tree.getPathString(), size, total, ++count, commit.getName());
                ObjectLoader blob = tree.getObjectReader().open(tree.getObjectId(0), Constants.OBJ_BLOB);
                Files.createDirectories(target.getParent());
                try (var in = blob.openStream()) {
                    Files.copy(in, target);
                }
            }
            Files.createDirectories(root);
            return new RevisionSnapshot(files, zip, root, commit.getName(), total);
        } catch (IOException | RevisionException | RuntimeException e) {
            discard(files, zip);
            throw e;
        }
    }

    /** The blob id of every file under {@code folders} at {@code revision}, by path. */
    public static Map<String, ObjectId> blobIds(Repository repository, String revision, List<String> folders) throws RevisionException, IOException {
        Map<String, ObjectId> ids = new HashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commitId(repository, revision)).getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilterGroup.createFromStrings(folders));
            while (tree.next()) {
                ids.put(tree.getPathString(), tree.getObjectId(0));
            }
        }
        return ids;
    }

    /** A working-tree file as the file system describes it: its path from the top, size and modification time. */
    public record WorkingFile(String path, Path file, long size, long modifiedNanos) {

        /** The modification time in milliseconds, as git's index keeps it. */
        public long modifiedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(modifiedNanos);
        }
    }

    /** The regular files under {@code folders} of {@code repository}'s working tree, sorted by path; nothing is read. */
    public static List<WorkingFile> workingTreeFiles(Repository repository, List<String> folders) throws IOException {
        Path top = repository.getWorkTree().toPath();
        List<WorkingFile> files = new ArrayList<>();
        for (String folder : folders) {
            Path dir = top.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.sorted().toList()) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        files.add(new WorkingFile(top.relativize(file).toString().replace('\\', '/'), file, attributes.size(),
                                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
                    }
                }
            }
        }
        return files;
    }

    /** The blob id git would give each file under {@code folders} of the working tree, by path ({@link #blobIdsOf}). */
    public static Map<String, ObjectId> workingTreeBlobIds(Repository repository, List<String> folders) throws IOException {
        return blobIdsOf(repository, workingTreeFiles(repository, folders));
    }

    /**
     * The blob id git would give each of {@code files}, by path, as git finds it: a file whose size and
     * modification time are those the index recorded (and that was not changed in the index's own
     * instant) has the index's blob id; only the others are read and hashed. With 3,500 organizations,
     * hashing every file was 12 MB of SHA-1 per question (BENCHMARKS.md, service restart).
     */
    public static Map<String, ObjectId> blobIdsOf(Repository repository, List<WorkingFile> files) throws IOException {
        DirCache index = repository.readDirCache();
        long indexWritten = repository.getIndexFile().lastModified();
        ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
        Map<String, ObjectId> ids = new HashMap<>();
        for (WorkingFile file : files) {
            DirCacheEntry entry = index.getEntry(file.path());
            boolean asIndexed = entry != null && entry.getLength() == file.size()
                    && entry.getLastModifiedInstant().toEpochMilli() == file.modifiedMillis() && file.modifiedMillis() < indexWritten;
            ids.put(file.path(), asIndexed ? entry.getObjectId() : formatter.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file.file())));
        }
        return ids;
    }

    static ObjectId commitId(Repository repository, String revision) throws RevisionException {
        ObjectId id;
        try {
            id = repository.resolve(revision + "^{commit}");
        } catch (IOException | RuntimeException e) {
            throw new RevisionException("cannot resolve revision " + revision + ": " + e.getMessage());
        }
        if (id == null) {
            throw new RevisionException("no revision " + revision + " in " + repository.getWorkTree());
        }
        return id;
    }

    public Path root() {
        return root;
    }

    /** Bytes of all files read: the size of the revision, as git holds it uncompressed. */
    public long bytes() {
        return bytes;
    }

    /** The full commit id the revision resolved to. */
    public String commit() {
        return commit;
    }

    @Override
    public void close() {
        discard(files, zip);
    }

    private static void discard(FileSystem files, Path zip) {
        try {
            // closing writes the zip file (one file, not one per entry); it goes at once
            files.close();
            Files.deleteIfExists(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
