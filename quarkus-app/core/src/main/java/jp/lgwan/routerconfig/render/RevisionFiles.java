package jp.lgwan.routerconfig.render;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.inventory.load.InventoryFiles;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * An inventory folder as it was at one git revision, read straight from git's objects: each file's
 * blob id comes from the tree without reading the file, so a {@link jp.lgwan.routerconfig.inventory.load.ParseCache}
 * answers for every file seen before and only the others are inflated. Findings name the files as
 * paths in the repository ({@code inventory/organizations/384844-matsuno.yaml}). What a revision may
 * make this read is bounded as {@link RevisionSnapshot} bounds it, by the sizes git records in each
 * object's header, before a byte is read.
 */
public final class RevisionFiles implements InventoryFiles {

    private final Repository repository;
    private final String folder;
    private final String commit;
    private final Map<String, ObjectId> blobs;
    private final boolean organizationsMayBeMissing;

    private RevisionFiles(Repository repository, String folder, String commit, Map<String, ObjectId> blobs, boolean organizationsMayBeMissing) {
        this.repository = repository;
        this.folder = folder;
        this.commit = commit;
        this.blobs = blobs;
        this.organizationsMayBeMissing = organizationsMayBeMissing;
    }

    /**
     * The inventory in {@code folder} (a path in the repository) at {@code revision}, holding only the files
     * {@code wanted} accepts (by their path in the repository); {@code partial}: the caller left organization
     * files out on purpose, so an inventory with none of them is still an inventory.
     */
    public static RevisionFiles of(Repository repository, String revision, String folder, Predicate<String> wanted, boolean partial,
                                   RevisionSnapshot.Limits limits) throws RevisionSnapshot.RevisionException, IOException {
        ObjectId id = RevisionSnapshot.commitId(repository, revision);
        Map<String, ObjectId> blobs = new HashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(folder));
            ObjectReader reader = tree.getObjectReader();
            long total = 0;
            int count = 0;
            String prefix = folder + "/";
            while (tree.next()) {
                String path = tree.getPathString();
                if (!path.startsWith(prefix) || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB || !wanted.test(path)) {
                    continue;
                }
                // the size git recorded in the object's header: nothing of the blob is inflated to learn it
                long size = reader.getObjectSize(tree.getObjectId(0), Constants.OBJ_BLOB);
                total += size;
                limits.admit(path, size, total, ++count, commit.getName());
                blobs.put(path.substring(prefix.length()), tree.getObjectId(0));
            }
            return new RevisionFiles(repository, folder, commit.getName(), blobs, partial);
        }
    }

    /** The full commit id the revision resolved to. */
    public String commit() {
        return commit;
    }

    @Override
    public List<String> organizationFiles() throws InventoryUnreadableException {
        if (blobs.isEmpty()) {
            throw new InventoryUnreadableException("inventory directory " + folder + " does not exist at " + commit.substring(0, 12));
        }
        String prefix = InventoryLoader.ORGANIZATIONS + "/";
        List<String> files = new ArrayList<>();
        for (String name : blobs.keySet()) {
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                files.add(name);
            }
        }
        if (files.isEmpty() && !organizationsMayBeMissing && blobs.keySet().stream().noneMatch(n -> n.startsWith(prefix))) {
            throw new InventoryUnreadableException("inventory directory " + folder + " has no " + InventoryLoader.ORGANIZATIONS + "/ folder at "
                    + commit.substring(0, 12));
        }
        files.sort(null);
        return files;
    }

    @Override
    public String display(String name) {
        return folder + "/" + name;
    }

    @Override
    public boolean exists(String name) {
        return blobs.containsKey(name);
    }

    @Override
    public long size(String name) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.getObjectSize(blob(name), Constants.OBJ_BLOB);
        }
    }

    @Override
    public byte[] read(String name) throws IOException {
        return repository.open(blob(name), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    @Override
    public byte[] knownBlobId(String name) {
        ObjectId id = blobs.get(name);
        if (id == null) {
            return null;
        }
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        id.copyRawTo(raw, 0);
        return raw;
    }

    private ObjectId blob(String name) throws IOException {
        ObjectId id = blobs.get(name);
        if (id == null) {
            throw new java.nio.file.NoSuchFileException(display(name));
        }
        return id;
    }
}
