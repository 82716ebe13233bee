package jp.lgwan.routerconfig.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Whether the inventory and template files of the working tree differ from HEAD — asked by every
 * readiness probe and every {@code GET /api/inventory}. It hashed every file each time: with 3,500
 * organizations 12 MB of SHA-1 per probe, a tenth of a restart's sampled CPU (BENCHMARKS.md). Now, as
 * git does: a file whose size and modification time are those the index recorded (and that was not
 * changed in the index's own instant) has the index's blob id, only other files are read and hashed;
 * and the answer is kept while HEAD and every file's path, size and time stay the same.
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

    /** A file as the file system describes it. */
    private record Stat(String path, Path file, long size, long modifiedMillis, long modifiedNanos) {
    }

    synchronized boolean any() throws IOException, RevisionSnapshot.RevisionException {
        ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
        List<Stat> files = stats();
        List<Object> state = List.of(String.valueOf(head), files.stream().map(s -> s.path() + ":" + s.size() + ":" + s.modifiedNanos()).toList());
        if (state.equals(lastState)) {
            return lastAnswer;
        }
        Map<String, ObjectId> committed = RevisionSnapshot.blobIds(repository, Constants.HEAD, folders);
        boolean changed = !committed.equals(workingTreeIds(files));
        lastState = state;
        lastAnswer = changed;
        return changed;
    }

    private List<Stat> stats() throws IOException {
        Path top = repository.getWorkTree().toPath();
        List<Stat> stats = new ArrayList<>();
        for (String folder : folders) {
            Path dir = top.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.sorted().toList()) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        long nanos = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
                        stats.add(new Stat(top.relativize(file).toString().replace('\\', '/'), file, attributes.size(),
                                attributes.lastModifiedTime().toMillis(), nanos));
                    }
                }
            }
        }
        return stats;
    }

    /** The blob id git gives each file: the index's where the file is as the index saw it, else its hash. */
    private Map<String, ObjectId> workingTreeIds(List<Stat> files) throws IOException {
        DirCache index = repository.readDirCache();
        long indexWritten = repository.getIndexFile().lastModified();
        ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
        Map<String, ObjectId> ids = new HashMap<>();
        for (Stat file : files) {
            DirCacheEntry entry = index.getEntry(file.path());
            boolean asIndexed = entry != null && entry.getLength() == file.size() && entry.getLastModifiedInstant().toEpochMilli() == file.modifiedMillis()
                    && file.modifiedMillis() < indexWritten;
            ids.put(file.path(), asIndexed ? entry.getObjectId() : formatter.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file.file())));
        }
        return ids;
    }
}
